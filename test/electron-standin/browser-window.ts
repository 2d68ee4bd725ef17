// `BrowserWindow` (api/browser-window.md): a window is its webContents' page plus the state a
// window manager would show (title, visible, focused, minimized), which the stand-in reports to
// the test. Headless Chromium draws every page whether "shown" or not; `visible` is what a user
// would see.
import { EventEmitter } from 'node:events';
import { report } from './control.ts';
import { electronEvent } from './event.ts';
import { Session } from './session.ts';
import { WebContents } from './web-contents.ts';

let nextId = 1;
const open = new Set<BrowserWindow>();
let whenAllClosed: () => void = () => {};

/** app.ts: what happens when the last window closes (`window-all-closed`, or quit). */
export function onAllWindowsClosed(handler: () => void): void {
  whenAllClosed = handler;
}

export class BrowserWindow
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'id'
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'isVisible'
      | 'isFocused'
      | 'isMinimized'
      | 'minimize'
      | 'restore'
      | 'isDestroyed'
      | 'destroy'
      | 'close'
      | 'getTitle'
      | 'setTitle'
    >
{
  static getAllWindows(): BrowserWindow[] {
    return [...open];
  }

  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return [...open].find((w) => w.webContents === contents) ?? null;
  }

  readonly id = nextId++;
  readonly webContents: WebContents;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private destroyed = false;
  private title: string;
  private readyToShow = false;

  readonly options: Electron.BrowserWindowConstructorOptions;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    const preferences = options.webPreferences ?? {};
    // Electron: `session` wins over `partition`; neither is the default session.
    const session = Session.of(preferences.partition ?? '');
    this.title = options.title ?? 'Electron';
    this.visible = options.show ?? true;
    this.webContents = new WebContents(
      session,
      {
        ...(preferences.preload && { preload: preferences.preload }),
        width: options.width ?? 800,
        height: options.height ?? 600,
      },
      () => this.changed(),
    );
    this.webContents.on('did-finish-load', () => {
      const pageTitle = this.webContents.getTitle();
      if (pageTitle) this.title = pageTitle;
      if (!this.readyToShow) {
        this.readyToShow = true;
        this.emit('ready-to-show', electronEvent());
      }
      this.changed();
    });
    this.webContents.on('destroyed', () => this.markClosed());
    open.add(this);
    this.changed();
  }

  private changed(): void {
    report('window', {
      id: this.id,
      webContentsId: this.webContents.id,
      partition: this.webContents.session.partition,
      title: this.title,
      url: this.webContents.getURL(),
      visible: this.visible && !this.destroyed,
      focused: this.focused,
      destroyed: this.destroyed,
      preload: this.options.webPreferences?.preload ?? null,
      sandbox: this.options.webPreferences?.sandbox ?? true,
      contextIsolation: this.options.webPreferences?.contextIsolation ?? true,
      nodeIntegration: this.options.webPreferences?.nodeIntegration ?? false,
    });
  }

  loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    return this.webContents.loadURL(url, options);
  }

  show(): void {
    this.visible = true;
    this.focused = true;
    this.minimized = false;
    this.emit('show', electronEvent());
    this.changed();
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide', electronEvent());
    this.changed();
  }

  focus(): void {
    this.focused = true;
    this.changed();
  }

  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
    this.changed();
  }

  restore(): void {
    this.minimized = false;
    this.changed();
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): void {
    this.title = title;
    this.changed();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** As the user closing it: `close` may be prevented; then it is destroyed. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  /** Electron: closes at once, without `close`, with `closed`. */
  destroy(): void {
    if (this.destroyed) return;
    this.webContents.close();
    this.markClosed();
  }

  private markClosed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    open.delete(this);
    this.emit('closed');
    this.changed();
    if (open.size === 0) whenAllClosed();
  }
}
