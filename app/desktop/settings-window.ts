import { BrowserWindow, session } from 'electron';
import type { AppSnapshot, Page, WindowTarget } from '../ipc/contract.js';
import { PAGE_CHANNEL, SNAPSHOT_CHANNEL } from '../ipc/contract.js';
import { UI_ORIGIN, uiUrl } from './ui-files.js';

/**
 * The settings window: created when opened and destroyed when closed, so no renderer runs while
 * Tidings sits in the tray. Sandboxed, isolated, no Node; it may not navigate or open windows.
 */
export class SettingsWindow {
  private window: BrowserWindow | undefined;

  constructor(private readonly preload: string) {}

  /** The sender main accepts IPC from, while the window is open. */
  get identity(): { webContentsId: number; origin: string } | undefined {
    const window = this.window;
    if (!window || window.isDestroyed()) return undefined;
    return { webContentsId: window.webContents.id, origin: UI_ORIGIN };
  }

  /** Opens (or brings up) the window, at a page or a target on it (an account's sign-in). */
  open(where?: Page | WindowTarget): void {
    const target = typeof where === 'string' ? { page: where } : where;
    if (this.window && !this.window.isDestroyed()) {
      if (target) this.window.webContents.send(PAGE_CHANNEL, target);
      if (this.window.isMinimized()) this.window.restore();
      this.window.show();
      this.window.focus();
      return;
    }
    const window = new BrowserWindow({
      width: 960,
      height: 680,
      minWidth: 480,
      minHeight: 400,
      title: 'Tidings settings',
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
      },
    });
    const contents = window.webContents;
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (this.window === window) this.window = undefined;
    });
    this.window = window;
    // Closing the window while it loads rejects the load (ERR_ABORTED): nothing to do then.
    window.loadURL(uiUrl(target)).catch(() => {});
  }

  push(snapshot: AppSnapshot): void {
    const window = this.window;
    if (window && !window.isDestroyed()) window.webContents.send(SNAPSHOT_CHANNEL, snapshot);
  }

  close(): void {
    this.window?.destroy();
    this.window = undefined;
  }
}

/**
 * A session whose pages get nothing they ask for: camera, notifications, geolocation are all
 * refused (Electron grants every permission of a session without a handler). The settings
 * window's (the default session) and the sign-in window's.
 */
export function denyPermissions(target: Electron.Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}
