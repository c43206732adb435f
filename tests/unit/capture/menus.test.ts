import { describe, expect, it, vi } from 'vitest';
import type { ContextMenusLike, MenuItemProps } from '../../../utils/capture/browser-ports';
import { createMenus, kindOfMenuItem, MENU_IDS, menuItems } from '../../../utils/capture/menus';

function fakeMenus(existing: string[] = []) {
  const items = new Map<string, string>(existing.map((id) => [id, 'old']));
  let lastError: { message: string } | undefined;
  const contextMenus = {
    create: vi.fn((props: MenuItemProps, callback?: () => void) => {
      lastError = items.has(props.id)
        ? { message: `Cannot create item with duplicate id ${props.id}` }
        : undefined;
      if (!lastError) items.set(props.id, props.title);
      callback?.();
      lastError = undefined;
      return props.id;
    }),
    update: vi.fn(async (id: string, props: { title: string }) => {
      if (!items.has(id)) throw new Error(`Cannot find menu item with id ${id}`);
      items.set(id, props.title);
    }),
    removeAll: vi.fn(async () => items.clear()),
  } satisfies ContextMenusLike;
  return { contextMenus, items, lastError: () => lastError };
}

describe('context menus', () => {
  it('three items, one per context, titled from the action label', () => {
    expect(menuItems('Create CFTR Incident')).toEqual([
      {
        id: MENU_IDS.selection,
        title: 'Create CFTR Incident from selection',
        contexts: ['selection'],
      },
      { id: MENU_IDS.link, title: 'Create CFTR Incident from link', contexts: ['link'] },
      { id: MENU_IDS.page, title: 'Create CFTR Incident from page', contexts: ['page'] },
    ]);
    // A literal ampersand, not an access key.
    expect(menuItems('Raise & Track')[0]?.title).toBe('Raise && Track from selection');
  });

  it('maps a clicked item back to its flow', () => {
    expect(kindOfMenuItem(MENU_IDS.link)).toBe('link');
    expect(kindOfMenuItem('something-else')).toBeNull();
    expect(kindOfMenuItem(3)).toBeNull();
  });

  it('rebuild (install, startup): removes everything, then creates the three items', async () => {
    const fake = fakeMenus(['stale-item-of-an-old-version']);
    const menus = createMenus({ ...fake, getLabel: async () => 'Create CFTR Incident' });
    await menus.rebuild();
    expect(fake.contextMenus.removeAll).toHaveBeenCalledOnce();
    expect([...fake.items.keys()]).toEqual(Object.values(MENU_IDS));
  });

  it('sync (label changed): updates titles in place, creates any missing item', async () => {
    const fake = fakeMenus([MENU_IDS.selection, MENU_IDS.link]);
    let label = 'Raise Incident';
    const menus = createMenus({ ...fake, getLabel: async () => label });
    await menus.sync();
    expect(Object.fromEntries(fake.items)).toEqual({
      [MENU_IDS.selection]: 'Raise Incident from selection',
      [MENU_IDS.link]: 'Raise Incident from link',
      [MENU_IDS.page]: 'Raise Incident from page',
    });
    expect(fake.contextMenus.create).toHaveBeenCalledTimes(1);
    label = 'Open case';
    await menus.sync();
    expect(fake.items.get(MENU_IDS.page)).toBe('Open case from page');
    expect(fake.contextMenus.removeAll).not.toHaveBeenCalled();
  });

  it('overlapping install and settings change end with exactly one set of items, no error', async () => {
    const fake = fakeMenus();
    const log = vi.fn();
    const menus = createMenus({ ...fake, getLabel: async () => 'L', log });
    await Promise.all([menus.sync(), menus.rebuild(), menus.sync()]);
    expect([...fake.items.keys()].toSorted()).toEqual(Object.values(MENU_IDS).toSorted());
    expect(log).not.toHaveBeenCalled();
  });

  it('a failing create is logged, not thrown', async () => {
    const fake = fakeMenus();
    const log = vi.fn();
    const menus = createMenus({
      ...fake,
      lastError: () => ({ message: 'boom' }),
      getLabel: async () => 'L',
      log,
    });
    await expect(menus.rebuild()).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith('context menu update failed', expect.any(Error));
  });
});
