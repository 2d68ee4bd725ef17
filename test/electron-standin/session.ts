// `session` (api/session.md, api/cookies.md): one Chromium browser context per session. The
// default session and `persist:` partitions are contexts that last while the app runs (the
// stand-in keeps nothing on disk across runs); any other partition is in memory, as in Electron.
// Permission handlers are recorded, and a test asks for a permission through them as a page
// would; without a request handler Electron grants every request, and so does the stand-in.
import { EventEmitter } from 'node:events';
import type { BrowserContext, Cookie as PlaywrightCookie } from 'playwright-core';
import { chromiumBrowser } from './chromium.ts';
import { report } from './control.ts';
import { systemLocale } from './locale.ts';
import { routeRequests } from './routing.ts';

type RequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

const SAME_SITE: Record<PlaywrightCookie['sameSite'], Electron.Cookie['sameSite']> = {
  Lax: 'lax',
  Strict: 'strict',
  None: 'no_restriction',
};

function electronCookie(cookie: PlaywrightCookie): Electron.Cookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: !cookie.domain.startsWith('.'),
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    session: cookie.expires === -1,
    ...(cookie.expires !== -1 && { expirationDate: cookie.expires }),
    sameSite: SAME_SITE[cookie.sameSite] ?? 'unspecified',
  };
}

const cookieKey = (c: Electron.Cookie) => `${c.domain}\t${c.path}\t${c.name}`;
const COOKIE_POLL_MS = 200;

/** session.cookies: Chromium's cookie store; `changed` is found by comparing after each response. */
class Cookies extends EventEmitter {
  private known = new Map<string, Electron.Cookie>();
  private timer: NodeJS.Timeout | undefined;

  private readonly context: () => Promise<BrowserContext>;

  constructor(context: () => Promise<BrowserContext>) {
    super();
    this.context = context;
    this.on('newListener', (name: string) => {
      if (name === 'changed' && !this.timer) {
        this.timer = setInterval(() => void this.compare(), COOKIE_POLL_MS);
        this.timer.unref();
      }
    });
  }

  async get(filter: Electron.CookiesGetFilter): Promise<Electron.Cookie[]> {
    const context = await this.context();
    const all = (await context.cookies(filter.url ? [filter.url] : [])).map(electronCookie);
    return all.filter(
      (c) =>
        (filter.name === undefined || c.name === filter.name) &&
        (filter.domain === undefined ||
          (c.domain ?? '').replace(/^\./, '').endsWith(filter.domain)) &&
        (filter.path === undefined || c.path === filter.path) &&
        (filter.secure === undefined || c.secure === filter.secure) &&
        (filter.session === undefined || c.session === filter.session),
    );
  }

  async set(details: Electron.CookiesSetDetails): Promise<void> {
    const context = await this.context();
    await context.addCookies([
      {
        name: details.name ?? '',
        value: details.value ?? '',
        url: details.url,
        ...(details.expirationDate !== undefined && { expires: details.expirationDate }),
        ...(details.httpOnly !== undefined && { httpOnly: details.httpOnly }),
        ...(details.secure !== undefined && { secure: details.secure }),
      },
    ]);
    await this.compare();
  }

  async remove(url: string, name: string): Promise<void> {
    const context = await this.context();
    await context.clearCookies({ name, domain: new URL(url).hostname });
    await this.compare();
  }

  /** Emits `changed` for what differs from the last look. */
  async compare(): Promise<void> {
    if (this.listenerCount('changed') === 0) return;
    const now = new Map((await this.get({})).map((c) => [cookieKey(c), c]));
    for (const [key, cookie] of now) {
      const before = this.known.get(key);
      if (!before) this.emit('changed', {}, cookie, 'explicit', false);
      else if (before.value !== cookie.value) this.emit('changed', {}, cookie, 'overwrite', false);
    }
    for (const [key, cookie] of this.known)
      if (!now.has(key)) this.emit('changed', {}, cookie, 'explicit', true);
    this.known = now;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export class Session {
  static readonly all = new Map<string, Session>();
  readonly cookies: Cookies;
  requestHandler: RequestHandler = null;
  checkHandler: CheckHandler = null;
  private opened: Promise<BrowserContext> | undefined;

  readonly partition: string;

  private constructor(partition: string) {
    this.partition = partition;
    this.cookies = new Cookies(() => this.context());
  }

  static of(partition: string): Session {
    let session = Session.all.get(partition);
    if (!session) {
      session = new Session(partition);
      Session.all.set(partition, session);
    }
    return session;
  }

  get isDefault(): boolean {
    return this.partition === '';
  }

  context(): Promise<BrowserContext> {
    this.opened ??= (async () => {
      const browser = await chromiumBrowser();
      const context = await browser.newContext({ viewport: null, locale: systemLocale() });
      // Chromium drops a context whose last page closed while a second DevTools client (the
      // test's) is attached; the session then opens a new one for its next window.
      context.on('close', () => {
        this.opened = undefined;
      });
      await routeRequests(context, this);
      context.on('requestfinished', () => void this.cookies.compare());
      return context;
    })();
    return this.opened;
  }

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
    report('permission-handler', { partition: this.partition, kind: 'request', set: !!handler });
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
    report('permission-handler', { partition: this.partition, kind: 'check', set: !!handler });
  }

  /** Electron's `ses.fetch`: a request with this session's cookies, as the page would send it. */
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const context = await this.context();
    const url = typeof input === 'string' ? input : input.url;
    const answer = await context.request.fetch(url, {
      method: init?.method ?? 'GET',
      ...(init?.headers && { headers: Object.fromEntries(new Headers(init.headers)) }),
      ...(typeof init?.body === 'string' && { data: init.body }),
      failOnStatusCode: false,
    });
    return new Response(answer.status() === 204 ? null : new Uint8Array(await answer.body()), {
      status: answer.status(),
      headers: answer.headers(),
    });
  }

  async clearStorageData(): Promise<void> {
    const context = await this.context();
    await context.clearCookies();
    await this.cookies.compare();
  }

  async close(): Promise<void> {
    this.cookies.stop();
    const opened = this.opened;
    if (opened) await (await opened).close().catch(() => {});
  }
}

export const session = {
  get defaultSession() {
    return Session.of('');
  },
  fromPartition(partition: string, _options?: Electron.FromPartitionOptions) {
    return Session.of(partition);
  },
};
