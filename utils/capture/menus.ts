import type { ContextMenusLike, MenuItemProps } from './browser-ports';
import type { WebFlowKind } from './text-rules';

/** Context menu items of the web flows: "<label> from selection / link / page". */

export const MENU_IDS: Record<WebFlowKind, string> = {
  selection: 'cftr-from-selection',
  link: 'cftr-from-link',
  page: 'cftr-from-page',
};

export function kindOfMenuItem(menuItemId: string | number): WebFlowKind | null {
  for (const [kind, id] of Object.entries(MENU_IDS) as [WebFlowKind, string][]) {
    if (id === menuItemId) return kind;
  }
  return null;
}

/** Chrome reads "&x" in a menu title as an access key; "&&" is a literal ampersand. */
function menuText(label: string): string {
  return label.replaceAll('&', '&&');
}

export function menuItems(label: string): MenuItemProps[] {
  const text = menuText(label.trim());
  return [
    { id: MENU_IDS.selection, title: `${text} from selection`, contexts: ['selection'] },
    { id: MENU_IDS.link, title: `${text} from link`, contexts: ['link'] },
    { id: MENU_IDS.page, title: `${text} from page`, contexts: ['page'] },
  ];
}

export interface MenuDeps {
  contextMenus: ContextMenusLike;
  /** chrome.runtime.lastError, read inside the create callback (reading it marks it handled). */
  lastError: () => unknown;
  getLabel: () => Promise<string>;
  log?: (message: string, error?: unknown) => void;
}

export function createMenus(deps: MenuDeps) {
  const create = (props: MenuItemProps) =>
    new Promise<void>((resolve, reject) => {
      deps.contextMenus.create(props, () => {
        const error = deps.lastError();
        if (error)
          reject(
            error instanceof Error
              ? error
              : new Error(String((error as { message?: unknown }).message ?? error)),
          );
        else resolve();
      });
    });

  // Install, startup and settings changes can overlap: one menu operation at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run.catch((error: unknown) => deps.log?.('context menu update failed', error));
  };

  return {
    /** From scratch (install, browser start): items of an older version go too. */
    rebuild: () =>
      serial(async () => {
        const items = menuItems(await deps.getLabel());
        await deps.contextMenus.removeAll();
        for (const item of items) await create(item);
      }),
    /** New titles for the existing items (a changed label); missing ones are created. */
    sync: () =>
      serial(async () => {
        for (const item of menuItems(await deps.getLabel())) {
          try {
            await deps.contextMenus.update(item.id, { title: item.title });
          } catch {
            await create(item);
          }
        }
      }),
  };
}

export type Menus = ReturnType<typeof createMenus>;
