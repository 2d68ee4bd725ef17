// `app` (api/app.md): the lifecycle of the process. Ready comes once Chromium runs (after the
// main script has been evaluated, as Electron's `ready` follows the app's first tick); quit goes
// through before-quit, closing the windows, will-quit and quit, each as Electron orders them
// (lib/browser/api/app.ts, shell/browser/browser.cc), then the process exits.
import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { BrowserWindow, onAllWindowsClosed } from './browser-window.ts';
import { startChromium, stopChromium } from './chromium.ts';
import { flushControl, report } from './control.ts';
import { electronEvent } from './event.ts';
import { closeNotifications, setApplicationName } from './notification.ts';
import { markProtocolsReady } from './protocol.ts';
import { systemLocale } from './locale.ts';
import { markSafeStorageReady } from './safe-storage.ts';
import { Session } from './session.ts';
import { SingleInstance } from './single-instance.ts';

const EXIT_GRACE_MS = 3_000;

/** The app's package.json, found upwards from the main script as Electron finds the app. */
function appPackage(): {
  dir: string;
  json: { name?: string; productName?: string; version?: string; desktopName?: string };
} {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (;;) {
    try {
      return { dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    } catch {
      const up = dirname(dir);
      if (up === dir) return { dir: process.cwd(), json: {} };
      dir = up;
    }
  }
}

class App extends EventEmitter {
  private readonly pkg = appPackage();
  private readonly paths = new Map<string, string>();
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private exiting = false;
  private readonly singleInstance = new SingleInstance((second) =>
    this.emit(
      'second-instance',
      electronEvent(),
      second.argv,
      second.workingDirectory,
      second.additionalData,
    ),
  );
  readonly isPackaged = false;
  readonly commandLine = { appendSwitch: () => {}, hasSwitch: () => false };

  constructor() {
    super();
    const appData = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
    this.paths.set('home', homedir());
    this.paths.set('appData', appData);
    this.paths.set('userData', join(appData, this.name));
    this.paths.set('temp', tmpdir());
    this.paths.set('exe', process.execPath);
    this.paths.set('module', process.execPath);
    // lib/browser/init.ts: the desktop name is package.json's desktopName or "<name>.desktop";
    // libnotify is initialised with the app's name.
    process.env.CHROME_DESKTOP = this.pkg.json.desktopName ?? `${this.name}.desktop`;
    setApplicationName(this.name);
    this.readyPromise = new Promise((resolve) => this.once('ready', () => resolve()));
    // shell/browser/electron_browser_main_parts_posix.cc: SIGINT, SIGTERM and SIGHUP quit the
    // app gracefully, as app.quit() does.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, () => this.quit());
    // Electron runs its main process with --unhandled-rejections=warn (electron/electron#36528):
    // a rejection nobody handles is printed, and the app goes on.
    process.on('unhandledRejection', (reason) => {
      console.warn('(electron) Unhandled promise rejection:', reason);
      report('unhandled-rejection', { reason: String(reason) });
    });
    // Electron emits ready after the main script's first run; a quit before then never starts.
    setImmediate(() => void this.becomeReady());
    onAllWindowsClosed(() => {
      // Electron: with no `window-all-closed` listener the app quits when its last window closes.
      if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
      else this.quit();
    });
  }

  get name(): string {
    return this.pkg.json.productName ?? this.pkg.json.name ?? 'Electron';
  }

  private async becomeReady(): Promise<void> {
    if (this.quitting || this.exiting) return;
    mkdirSync(this.getPath('userData'), { recursive: true });
    const { cdpUrl } = await startChromium();
    markProtocolsReady();
    markSafeStorageReady();
    this.ready = true;
    report('ready', { cdpUrl, pid: process.pid, userData: this.getPath('userData') });
    this.emit('will-finish-launching');
    this.emit('ready', electronEvent(), {});
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return this.pkg.json.version ?? '0.0.0';
  }

  // api/app.md: "the current application locale", the one the pages are drawn in too.
  getLocale(): string {
    return systemLocale();
  }

  getAppPath(): string {
    return this.pkg.dir;
  }

  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const known = this.paths.get(name);
    if (known) return known;
    const userData = this.paths.get('userData')!;
    if (name === 'sessionData') return userData;
    if (name === 'logs') return join(userData, 'logs');
    if (name === 'crashDumps') return join(userData, 'Crashpad');
    throw new Error(`Failed to get '${name}' path`);
  }

  // electron_api_app.cc: the path must be absolute; it is not created (PathService override).
  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw new Error('Path must be absolute');
    this.paths.set(name, path);
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const granted = this.singleInstance.request(dir, additionalData ?? null);
    report('single-instance-lock', { granted });
    return granted;
  }

  releaseSingleInstanceLock(): void {
    this.singleInstance.release();
  }

  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    // On Linux Electron runs xdg-mime for the app's .desktop file; recorded here.
    report('protocol-client', { protocol, path: path ?? null, args: args ?? [] });
    return true;
  }

  setAppUserModelId(id: string): void {
    report('app-user-model-id', { id });
  }

  getLoginItemSettings(): Electron.LoginItemSettings {
    return {
      openAtLogin: false,
      openAsHidden: false,
      wasOpenedAtLogin: false,
      wasOpenedAsHidden: false,
      restoreState: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: false,
      launchItems: [],
    } as Electron.LoginItemSettings;
  }

  setLoginItemSettings(settings: Electron.Settings): void {
    report('login-item', { settings });
  }

  focus(): void {}

  quit(): void {
    if (this.exiting) return;
    const beforeQuit = electronEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    if (BrowserWindow.getAllWindows().length > 0) {
      // A window refused to close: Electron cancels the quit.
      this.quitting = false;
      return;
    }
    const willQuit = electronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', electronEvent(), 0);
    void this.terminate(0);
  }

  /** Electron: closes every window at once, no before-quit or will-quit, exits with the code. */
  exit(exitCode = 0): void {
    if (this.exiting) return;
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    void this.terminate(exitCode);
  }

  private async terminate(code: number): Promise<void> {
    this.exiting = true;
    const grace = setTimeout(() => process.exit(code), EXIT_GRACE_MS);
    report('exit', { code });
    await Promise.allSettled([
      closeNotifications(),
      ...[...Session.all.values()].map((s) => s.close()),
    ]);
    await stopChromium();
    this.singleInstance.release();
    await flushControl();
    clearTimeout(grace);
    process.exit(code);
  }
}

export const app = new App() satisfies Pick<
  Electron.App,
  | 'whenReady'
  | 'isReady'
  | 'getName'
  | 'getVersion'
  | 'getAppPath'
  | 'getLocale'
  | 'getPath'
  | 'setPath'
  | 'requestSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'setAsDefaultProtocolClient'
  | 'setAppUserModelId'
  | 'getLoginItemSettings'
  | 'setLoginItemSettings'
  | 'quit'
  | 'exit'
  | 'isPackaged'
>;
