// A test double of the `electron` module (wired by the alias in vitest.config.ts): Electron's
// binary cannot be downloaded here. It keeps what the app asked of each API so tests can see
// what a user would (the tray's menu and tooltip, notifications shown, links opened), and lets a
// test act as the OS (click a notification, resume from sleep). tsc checks the app's calls
// against the real electron.d.ts; this file only has to behave like those calls.
import { createCipheriv, createDecipheriv, randomBytes, createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: never[]) => unknown;

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** What the tests control and observe; `resetElectronDouble()` starts it over. */
export const electronDouble = {
  userData: join(tmpdir(), 'tidings-electron-double'),
  platform: process.platform as NodeJS.Platform,
  notificationsSupported: true,
  /** When set, every notification fails with this error as the OS would report it. */
  notificationFailure: undefined as string | undefined,
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret' as string,
  openedExternally: [] as string[],
  loginItem: { openAtLogin: false, args: [] as string[] },
  online: true,
};

export function resetElectronDouble(userData: string): void {
  electronDouble.userData = userData;
  electronDouble.notificationsSupported = true;
  electronDouble.notificationFailure = undefined;
  electronDouble.encryptionAvailable = true;
  electronDouble.storageBackend = 'gnome_libsecret';
  electronDouble.openedExternally.length = 0;
  electronDouble.loginItem = { openAtLogin: false, args: [] };
  Notification.instances.length = 0;
  Tray.instances.length = 0;
  ipcMain.handlers.clear();
}

// --- app ----------------------------------------------------------------------------------

class App extends EventEmitter {
  isPackaged = false;
  getPath(_name: string): string {
    return electronDouble.userData;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getAppPath(): string {
    return process.cwd();
  }
  getLoginItemSettings() {
    return { ...electronDouble.loginItem };
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void {
    electronDouble.loginItem = {
      openAtLogin: settings.openAtLogin ?? false,
      args: settings.args ?? [],
    };
  }
  setAppUserModelId(_id: string): void {}
  setAsDefaultProtocolClient(_protocol: string): boolean {
    return true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {}
  exit(_code?: number): void {}
}
export const app = new App();

// --- ipcMain: a sender calls a handler the way Electron's invoke would ---------------------

export interface FakeIpcEvent {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: FakeIpcEvent, payload: unknown) => unknown>();
  handle(channel: string, handler: (event: FakeIpcEvent, payload: unknown) => unknown): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, payload)` from `sender` would get. */
  async invoke(channel: string, sender: FakeIpcEvent, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(sender, payload);
  }
}
export const ipcMain = new IpcMain();

// --- shell, safeStorage, net, powerMonitor, dialog -----------------------------------------

export const shell = {
  openExternal(url: string): Promise<void> {
    electronDouble.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(_path: string): Promise<string> {
    return Promise.resolve('');
  },
};

// Real encryption with a key of the double's own, so a file it wrote holds no plain text.
const KEY = createHash('sha256').update('tidings electron double').digest();
export const safeStorage = {
  isEncryptionAvailable: () => electronDouble.encryptionAvailable,
  getSelectedStorageBackend: () => electronDouble.storageBackend,
  encryptString(text: string): Buffer {
    if (!electronDouble.encryptionAvailable) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(data: Buffer): string {
    if (data.subarray(0, 3).toString() !== 'v10')
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    const decipher = createDecipheriv('aes-256-gcm', KEY, data.subarray(3, 15));
    decipher.setAuthTag(data.subarray(15, 31));
    return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
  },
};

export const net = { isOnline: () => electronDouble.online };
export const powerMonitor = new EventEmitter();
export const dialog = {
  showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] as string[] }),
};

// --- Notification --------------------------------------------------------------------------

export interface NotificationOptions {
  id?: string;
  title: string;
  body: string;
  silent?: boolean;
  timeoutType?: 'default' | 'never';
  icon?: string;
  actions?: { type: string; text: string }[];
  hasReply?: boolean;
}

export class Notification extends EventEmitter {
  static readonly instances: Notification[] = [];
  static isSupported(): boolean {
    return electronDouble.notificationsSupported;
  }
  shown = false;
  closed = false;
  /** Taken down by the OS for a newer one with its id (macOS, Windows), not closed by the app. */
  replacedInPlace = false;
  constructor(readonly options: NotificationOptions) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    // macOS and Windows replace a notification with the same id where it is.
    for (const other of Notification.instances)
      if (
        other !== this &&
        !other.closed &&
        other.options.id === this.options.id &&
        this.options.id
      ) {
        other.closed = true;
        other.replacedInPlace = true;
      }
    // The OS answers later, as Electron's notification presenter does.
    setImmediate(() => {
      if (electronDouble.notificationFailure)
        this.emit('failed', {}, electronDouble.notificationFailure);
      else {
        this.shown = true;
        this.emit('show', {});
      }
    });
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', {});
  }
  /** The user clicks it. */
  click(): void {
    this.emit('click', {});
  }
  /** Notifications the user can see now (shown, not closed). */
  static visible(): Notification[] {
    return Notification.instances.filter((n) => n.shown && !n.closed);
  }
}

// --- Tray, Menu, nativeImage ---------------------------------------------------------------

export interface NativeImageDouble {
  path: string;
  isEmpty(): boolean;
  setTemplateImage(_template: boolean): void;
}

export const nativeImage = {
  createFromPath: (path: string): NativeImageDouble => ({
    path,
    isEmpty: () => !existsSync(path),
    setTemplateImage: () => {},
  }),
};

export class Menu {
  constructor(readonly items: MenuItemTemplate[]) {}
  static buildFromTemplate(template: MenuItemTemplate[]): Menu {
    return new Menu(template);
  }
}

export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  tooltip = '';
  title = '';
  menu: Menu | undefined;
  menuBuilds = 0;
  destroyed = false;
  constructor(public image: NativeImageDouble) {
    super();
    Tray.instances.push(this);
  }
  /** The user clicks the icon itself (not a menu item). */
  click(): void {
    this.emit('click', {}, {});
  }
  setImage(image: NativeImageDouble): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Menu): void {
    this.menu = menu;
    this.menuBuilds++;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

// --- what the desktop modules touch only at start (windows, protocols, sessions) ------------

class WebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = WebContents.nextId++;
  readonly sent: [string, unknown][] = [];
  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }
  setWindowOpenHandler(_handler: Listener): void {}
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  destroyed = false;
  url = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {}
  focus(): void {}
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (_schemes: unknown[]) => {},
  handle: (_scheme: string, _handler: Listener) => {},
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (_handler: Listener) => {},
    setPermissionCheckHandler: (_handler: Listener) => {},
  },
};

export const contextBridge = { exposeInMainWorld: (_key: string, _api: unknown) => {} };
export const ipcRenderer = new EventEmitter();

export default {
  app,
  ipcMain,
  ipcRenderer,
  shell,
  safeStorage,
  net,
  powerMonitor,
  dialog,
  Notification,
  nativeImage,
  Menu,
  Tray,
  BrowserWindow,
  protocol,
  session,
  contextBridge,
};
