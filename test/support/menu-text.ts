import type { MenuItemTemplate } from './electron-double.js';

/** The menu's labels, submenus indented, as a user reads them: ✓ checked, (disabled). */
export function menuText(items: readonly MenuItemTemplate[], depth = 0): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}${item.type === 'separator' ? '---' : item.label}${item.checked ? ' ✓' : ''}${item.enabled === false ? ' (disabled)' : ''}`,
    ...menuText(item.submenu ?? [], depth + 1),
  ]);
}

/** The item at a path of labels ("Do not disturb", "For 1 hour"); throws with the menu if absent. */
export function menuItem(items: readonly MenuItemTemplate[], path: string[]): MenuItemTemplate {
  const [first, ...rest] = path;
  const item = items.find((i) => i.label === first);
  if (!item) throw new Error(`no menu item "${first}" in ${menuText(items).join(' | ')}`);
  return rest.length > 0 ? menuItem(item.submenu ?? [], rest) : item;
}
