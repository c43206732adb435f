/**
 * The slices of the extension APIs the flows use, typed narrowly so unit tests can pass
 * vi.fn() stubs (the fake browser has no useful scripting or contextMenus).
 */

export interface TabLike {
  id?: number;
  url?: string;
  title?: string;
  windowId?: number;
}

export interface InjectionTarget {
  tabId: number;
  frameIds?: number[];
}

export interface ScriptingLike {
  executeScript(injection: {
    target: InjectionTarget;
    files?: string[];
    func?: (...args: never[]) => unknown;
    args?: unknown[];
  }): Promise<{ result?: unknown }[]>;
}

export interface TabsLike {
  get(tabId: number): Promise<TabLike>;
  query(query: { active: boolean; lastFocusedWindow: boolean }): Promise<TabLike[]>;
}

export interface WindowsLike {
  create(data: {
    url: string;
    type: 'popup';
    width: number;
    height: number;
    focused: boolean;
  }): Promise<{ id?: number; tabs?: TabLike[] } | undefined>;
}

export type MenuContext = 'selection' | 'link' | 'page';

export interface MenuItemProps {
  id: string;
  title: string;
  /** Non-empty, as the API's type demands. */
  contexts: [MenuContext, ...MenuContext[]];
}

export interface ContextMenusLike {
  /** Chrome reports failures (e.g. a duplicate id) through runtime.lastError in the callback. */
  create(props: MenuItemProps, callback?: () => void): number | string;
  update(id: string, props: { title: string }): Promise<void>;
  removeAll(): Promise<void>;
}

/** Info of contextMenus.onClicked, the fields we read (linkText is Firefox-only). */
export interface MenuClickInfo {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  linkText?: string;
  pageUrl?: string;
  frameId?: number;
}

/** results[0].result of one executeScript call into one frame; throws when there is none. */
export async function runInPage<A extends unknown[], R>(
  scripting: ScriptingLike,
  target: InjectionTarget,
  func: (...args: A) => R,
  args: A,
): Promise<Awaited<R>> {
  const results = await scripting.executeScript({
    target,
    func: func as unknown as (...args: never[]) => unknown,
    args,
  });
  const first = results[0];
  if (!first || !('result' in first)) throw new Error('The page script returned nothing');
  return first.result as Awaited<R>;
}

/** A promise that gives up after `ms` (an unresponsive page must not hold a flow forever). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
