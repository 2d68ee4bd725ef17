// `Tray`, `Menu`, `MenuItem`, `nativeImage` (api/tray.md, api/menu.md, api/native-image.md): no
// status area exists here, so the tray records what a user would see (image, tooltip, title and
// the context menu) and reports each change. The test reads the menu as text and clicks an item
// by its label, which runs the item's click as Electron does (a checkbox flips first).
import { existsSync } from 'node:fs';
import { onCommand, report } from './control.ts';

class NativeImage {
  private template = false;
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path);
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage = {
  // Electron: an image it cannot read is an empty image, not an error.
  createFromPath: (path: string) => new NativeImage(path),
  createEmpty: () => new NativeImage(''),
};

type Template = Electron.MenuItemConstructorOptions;

export class MenuItem {
  label: string;
  type: NonNullable<Template['type']>;
  checked: boolean;
  enabled: boolean;
  visible: boolean;
  readonly submenu: Menu | undefined;
  private readonly onClick: Template['click'];

  constructor(options: Template) {
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.checked = options.checked ?? false;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.onClick = options.click;
    this.submenu =
      options.submenu instanceof Menu
        ? options.submenu
        : options.submenu
          ? Menu.buildFromTemplate(options.submenu as Template[])
          : undefined;
  }

  click(): void {
    if (this.type === 'checkbox') this.checked = !this.checked;
    if (this.type === 'radio') this.checked = true;
    this.onClick?.(this as never, undefined, {
      shiftKey: false,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      triggeredByAccelerator: false,
    });
  }
}

export class Menu {
  readonly items: MenuItem[] = [];

  static buildFromTemplate(template: (Template | MenuItem)[]): Menu {
    const menu = new Menu();
    for (const item of template) menu.append(item instanceof MenuItem ? item : new MenuItem(item));
    return menu;
  }

  append(item: MenuItem): void {
    this.items.push(item);
  }

  /** One line per visible item, submenus indented, as a user reads the open menu. */
  toText(depth = 0): string[] {
    return this.items
      .filter((item) => item.visible)
      .flatMap((item) => {
        const pad = '  '.repeat(depth);
        if (item.type === 'separator') return [`${pad}---`];
        const mark =
          item.type === 'checkbox' || item.type === 'radio' ? (item.checked ? '[x] ' : '[ ] ') : '';
        const state = item.enabled ? '' : ' (disabled)';
        return [`${pad}${mark}${item.label}${state}`, ...(item.submenu?.toText(depth + 1) ?? [])];
      });
  }

  /** The item a path of labels names ("Accounts", "dino", "Reconnect"). */
  find(labels: readonly string[]): MenuItem | undefined {
    const [first, ...rest] = labels;
    const item = this.items.find((i) => i.visible && i.label === first);
    if (!item || rest.length === 0) return item;
    return item.submenu?.find(rest);
  }
}

let nextTrayId = 1;
const trays = new Map<number, Tray>();

// setImage and the constructor take the stand-in's own NativeImage, which is not Electron's.
export class Tray implements Pick<
  Electron.Tray,
  'setToolTip' | 'setTitle' | 'destroy' | 'isDestroyed'
> {
  readonly id = nextTrayId++;
  private image: NativeImage;
  private tooltip = '';
  private title = '';
  private menu: Menu | null = null;
  private destroyed = false;

  constructor(image: NativeImage | string, _guid?: string) {
    this.image = typeof image === 'string' ? new NativeImage(image) : image;
    trays.set(this.id, this);
    this.changed();
  }

  private changed(): void {
    report('tray', {
      id: this.id,
      image: this.image.path,
      imageMissing: this.image.isEmpty(),
      tooltip: this.tooltip,
      title: this.title,
      menu: this.menu?.toText() ?? [],
      destroyed: this.destroyed,
    });
  }

  setImage(image: NativeImage | string): void {
    this.image = typeof image === 'string' ? new NativeImage(image) : image;
    this.changed();
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
    this.changed();
  }
  setTitle(title: string): void {
    this.title = title;
    this.changed();
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
    this.changed();
  }
  destroy(): void {
    this.destroyed = true;
    trays.delete(this.id);
    this.changed();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  clickMenu(labels: readonly string[]): void {
    const item = this.menu?.find(labels);
    if (!item) throw new Error(`the tray menu has no item ${labels.join(' › ')}`);
    if (!item.enabled) throw new Error(`the tray menu item ${labels.join(' › ')} is disabled`);
    item.click();
  }
}

onCommand('clickTrayMenu', (command) => {
  const labels = command.labels as string[];
  const tray = [...trays.values()].at(-1);
  if (!tray) throw new Error('there is no tray icon');
  tray.clickMenu(labels);
  return true;
});
