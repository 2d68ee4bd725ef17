// `webContents` (api/web-contents.md): one Chromium page. The preload (webPreferences.preload)
// runs in an isolated world before the page's scripts (page-bridge.ts); its ipcRenderer reaches
// `ipcMain` through a DevTools binding that only that world has, and the event main gets names
// the real sender: this webContents and the frame the call came from, with that frame's URL as
// Chromium reports it.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { report } from './control.ts';
import { electronEvent } from './event.ts';
import { ipcMain } from './ipc-main.ts';
import { bridgeEnd, preloadWorld } from './page-bridge.ts';
import { carriedSchemes } from './protocol.ts';
import { contentsOfPage, withoutHash } from './routing.ts';
import { fromCarrier, toCarrier } from './scheme-map.ts';
import type { Session } from './session.ts';

const WORLD = 'electron-preload';
const BINDING = '__electronStandinIpc';

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

interface BindingMessage {
  kind: 'invoke' | 'send' | 'preload-error';
  id?: number;
  channel?: string;
  args?: unknown[];
  message?: string;
}

function preloadScript(token: string, preloadFile: string): string {
  const source = readFileSync(preloadFile, 'utf8');
  return `(${preloadWorld.toString()})(${JSON.stringify(token)}, ${JSON.stringify(BINDING)}, ${JSON.stringify(
    process.platform,
  )}, function (require, module, exports, process) {\n${source}\n}, ${bridgeEnd.toString()});`;
}

function mainWorldScript(token: string): string {
  return `(${bridgeEnd.toString()})(${JSON.stringify(token)}, 'main');`;
}

/** Chromium's net error codes (net/base/net_error_list.h) for the failures a load meets here. */
const NET_ERRORS: Record<string, number> = {
  ERR_FAILED: -2,
  ERR_ABORTED: -3,
  ERR_CONNECTION_REFUSED: -102,
  ERR_NAME_NOT_RESOLVED: -105,
  ERR_INTERNET_DISCONNECTED: -106,
};

let nextId = 1;

export class WebContents
  extends EventEmitter
  implements
    Pick<
      Electron.WebContents,
      'id' | 'send' | 'getURL' | 'getTitle' | 'isDestroyed' | 'setWindowOpenHandler' | 'loadURL'
    >
{
  readonly id = nextId++;
  readonly ready: Promise<void>;
  private page: Page | undefined;
  private cdp: CDPSession | undefined;
  private destroyed = false;
  private windowOpenHandler: WindowOpenHandler | undefined;
  private expectedLoad: string | undefined;
  private title = '';
  private mainFrameId = '';
  private readonly frameUrls = new Map<string, string>();
  private readonly frameOfContext = new Map<number, string>();
  private readonly preloadContext = new Map<string, number>();
  private preloadWaiters: (() => void)[] = [];

  readonly session: Session;
  private readonly options: { preload?: string; width: number; height: number };
  private readonly onChange: () => void;

  constructor(
    session: Session,
    options: { preload?: string; width: number; height: number },
    onChange: () => void,
  ) {
    super();
    this.session = session;
    this.options = options;
    this.onChange = onChange;
    this.ready = this.open();
    this.ready.catch((error: unknown) => report('window-error', { error: String(error) }));
  }

  private async open(): Promise<void> {
    const context = await this.session.context();
    const page = await context.newPage();
    this.page = page;
    contentsOfPage.set(page, {
      consumeLoad: (url) => {
        if (this.expectedLoad !== withoutHash(url)) return false;
        this.expectedLoad = undefined;
        return true;
      },
      willNavigate: (url) => this.willNavigate(url),
      windowOpen: (url, frameName) => this.windowOpen(url, frameName),
    });
    await page.setViewportSize({ width: this.options.width, height: this.options.height });
    const cdp = await context.newCDPSession(page);
    this.cdp = cdp;
    cdp.on('Page.frameNavigated', ({ frame }) => {
      this.frameUrls.set(frame.id, frame.url + (frame.urlFragment ?? ''));
      if (!frame.parentId) this.mainFrameId = frame.id;
      this.onChange();
    });
    cdp.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
      this.frameUrls.set(frameId, url);
      this.emit(
        'did-navigate-in-page',
        electronEvent(),
        fromCarrier(url),
        frameId === this.mainFrameId,
      );
      this.onChange();
    });
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      const frameId = (created.auxData as { frameId?: string } | undefined)?.frameId;
      if (!frameId) return;
      this.frameOfContext.set(created.id, frameId);
      if (created.name === WORLD) {
        this.preloadContext.set(frameId, created.id);
        if (frameId === this.mainFrameId) this.preloadWaiters.splice(0).forEach((w) => w());
      }
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      const frameId = this.frameOfContext.get(executionContextId);
      this.frameOfContext.delete(executionContextId);
      if (frameId && this.preloadContext.get(frameId) === executionContextId)
        this.preloadContext.delete(frameId);
    });
    cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
      if (name === BINDING) void this.fromRenderer(JSON.parse(payload), executionContextId);
    });
    await cdp.send('Page.enable');
    const tree = await cdp.send('Page.getFrameTree');
    this.mainFrameId = tree.frameTree.frame.id;
    if (this.options.preload) {
      const token = randomBytes(12).toString('hex');
      await cdp.send('Runtime.addBinding', { name: BINDING, executionContextName: WORLD });
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: mainWorldScript(token) });
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: preloadScript(token, this.options.preload),
        worldName: WORLD,
      });
    }
    await cdp.send('Runtime.enable');
    page.on('load', () => {
      void page
        .title()
        .then((title) => {
          this.title = title;
          this.emit('did-finish-load', electronEvent());
          this.onChange();
        })
        .catch(() => {});
    });
    page.on('pageerror', (error) =>
      report('page-error', { webContentsId: this.id, error: String(error) }),
    );
    page.on('console', (message) => {
      if (message.type() === 'error')
        report('console-error', { webContentsId: this.id, text: message.text() });
    });
    page.on('close', () => this.markDestroyed());
  }

  private willNavigate(url: string): boolean {
    const event = electronEvent({ url, isMainFrame: true, isSameDocument: false });
    this.emit('will-navigate', event, url, false, true);
    report('will-navigate', { webContentsId: this.id, url, prevented: event.defaultPrevented });
    return !event.defaultPrevented;
  }

  private windowOpen(url: string, frameName: string): boolean {
    if (!this.windowOpenHandler) return true;
    const answer = this.windowOpenHandler({
      url,
      frameName,
      features: '',
      disposition: 'new-window',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    });
    return answer.action === 'allow';
  }

  private senderFrame(executionContextId: number): Electron.WebFrameMain | null {
    const frameId = this.frameOfContext.get(executionContextId);
    const url = frameId && this.frameUrls.get(frameId);
    if (!frameId || url === undefined) return null;
    const appUrl = fromCarrier(url);
    let origin = 'null';
    try {
      origin = new URL(appUrl).origin;
    } catch {
      // an opaque origin, as Chromium reports it
    }
    const frame = {
      url: appUrl,
      origin,
      name: '',
      frameToken: frameId,
      routingId: 1,
      processId: 1,
      isDestroyed: () => false,
      top: null,
      parent: null,
      frames: [],
      framesInSubtree: [],
    };
    return frame as unknown as Electron.WebFrameMain;
  }

  private async fromRenderer(message: BindingMessage, executionContextId: number): Promise<void> {
    if (message.kind === 'preload-error') {
      report('preload-error', { webContentsId: this.id, error: message.message });
      return;
    }
    const senderFrame = this.senderFrame(executionContextId);
    const event = electronEvent({
      type: 'frame' as const,
      sender: this,
      senderFrame,
      frameId: 1,
      processId: 1,
    }) as unknown as Electron.IpcMainInvokeEvent;
    const channel = message.channel ?? '';
    const args = message.args ?? [];
    if (message.kind === 'send') {
      ipcMain.emit(channel, event, ...args);
      return;
    }
    const answer = await ipcMain.invokeFrom(event, channel, args);
    const json = answer.ok ? (JSON.stringify(answer.value) ?? 'null') : answer.error;
    await this.cdp
      ?.send('Runtime.evaluate', {
        contextId: executionContextId,
        expression: `globalThis.__electronStandin.settle(${message.id}, ${answer.ok}, ${JSON.stringify(json)})`,
      })
      .catch(() => {});
  }

  async loadURL(url: string, _options?: Electron.LoadURLOptions): Promise<void> {
    await this.ready;
    const page = this.page!;
    this.expectedLoad = withoutHash(url);
    try {
      await page.goto(toCarrier(url, carriedSchemes()), { waitUntil: 'load' });
    } catch (error) {
      // Electron words a failed load as "<net error> (<code>) loading '<url>'".
      const name = /net::(ERR_[A-Z_]+)/.exec(String(error))?.[1] ?? 'ERR_ABORTED';
      const code = NET_ERRORS[name] ?? -2;
      this.emit('did-fail-load', electronEvent(), code, name, url, true);
      throw new Error(`${name} (${code}) loading '${url}'`, { cause: error });
    }
  }

  send(channel: string, ...args: unknown[]): void {
    void this.deliver(channel, args);
  }

  private async deliver(channel: string, args: unknown[]): Promise<void> {
    await this.ready;
    if (!this.options.preload || this.destroyed) return;
    // Sent before the page's preload world exists: it arrives once it does, as Electron queues.
    if (!this.preloadContext.has(this.mainFrameId))
      await new Promise<void>((resolve) => this.preloadWaiters.push(resolve));
    const contextId = this.preloadContext.get(this.mainFrameId);
    const payload = JSON.stringify(JSON.stringify(args));
    await this.cdp
      ?.send('Runtime.evaluate', {
        contextId,
        expression: `globalThis.__electronStandin.deliver(${JSON.stringify(channel)}, ${payload})`,
      })
      .catch(() => {});
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    const url = this.frameUrls.get(this.mainFrameId);
    return url === undefined || url === 'about:blank' ? '' : fromCarrier(url);
  }

  getTitle(): string {
    return this.title;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The Playwright page, for screenshots the test asks for. */
  async playwrightPage(): Promise<Page> {
    await this.ready;
    return this.page!;
  }

  close(): void {
    if (this.destroyed) return;
    this.markDestroyed();
    void this.page?.close().catch(() => {});
  }

  private markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.page) contentsOfPage.delete(this.page);
    this.preloadWaiters.splice(0).forEach((w) => w());
    this.emit('destroyed', electronEvent());
  }
}
