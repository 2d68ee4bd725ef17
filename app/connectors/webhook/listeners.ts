import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ConnectorError } from '../../core/connector.js';
import type { ListenAddress } from '../../core/settings/listen-address.js';

/** One account's inbox: answers the requests to `/hooks/<account id>`. */
export type HookHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

export interface HookRoute {
  /** Where senders post, e.g. http://127.0.0.1:8787/hooks/alerts. */
  readonly url: string;
  release(): Promise<void>;
}

interface Route {
  handle: HookHandler;
  /** The listener failed after it was bound: every account on it is offline. */
  lost(error: ConnectorError): void;
  /** A "Test connection" route: it drops what it gets, so it never answers a sender. */
  probe?: boolean;
}

/** How long a request may take to arrive: a sender that stalls holds no socket for long. */
const REQUEST_TIMEOUT_MS = 30_000;
const PREFIX = '/hooks/';

/**
 * One HTTP listener per address, shared by every webhook account that names it: each account
 * has its own path, so two inboxes on one port cost one socket and never clash. The listener
 * opens with its first account and closes with its last.
 */
export class HookListeners {
  private readonly listeners = new Map<string, SharedListener>();
  private anyPort = 0;

  async register(
    address: ListenAddress,
    accountId: string,
    handle: HookHandler,
    lost: (error: ConnectorError) => void,
    probe = false,
  ): Promise<HookRoute> {
    // Port 0 asks for any free port: such a listener is never shared, nobody could name it.
    const key = address.port === 0 ? `any:${++this.anyPort}` : `${address.host}:${address.port}`;
    let listener = this.listeners.get(key);
    if (!listener) {
      listener = new SharedListener(address, () => this.listeners.delete(key));
      this.listeners.set(key, listener);
    }
    return listener.add(accountId, { handle, lost, probe });
  }
}

/** The listeners of this process: the desktop app and the CLI each run one registry. */
export const hookListeners = new HookListeners();

class SharedListener {
  /**
   * Per account id, oldest first: the oldest that is not a probe answers. A "Test connection"
   * route never takes requests, before or beside the running inbox: it would answer 200 to what
   * it drops. With only a probe there, a sender gets 404 and sends again later.
   */
  private readonly routes = new Map<string, Route[]>();
  private readonly server: Server;
  private bound: Promise<void> | undefined;

  constructor(
    private readonly address: ListenAddress,
    private readonly closed: () => void,
  ) {
    this.server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (request, response) =>
      this.dispatch(request, response),
    );
  }

  async add(accountId: string, route: Route): Promise<HookRoute> {
    this.routes.set(accountId, [...(this.routes.get(accountId) ?? []), route]);
    try {
      await (this.bound ??= this.listen());
    } catch (error) {
      this.drop(accountId, route);
      if (this.routes.size === 0) this.closed();
      throw error;
    }
    return {
      url: `${this.origin()}${PREFIX}${encodeURIComponent(accountId)}`,
      release: () => this.remove(accountId, route),
    };
  }

  private drop(accountId: string, route: Route): void {
    const left = (this.routes.get(accountId) ?? []).filter((r) => r !== route);
    if (left.length > 0) this.routes.set(accountId, left);
    else this.routes.delete(accountId);
  }

  private async remove(accountId: string, route: Route): Promise<void> {
    this.drop(accountId, route);
    if (this.routes.size > 0) return;
    this.closed();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive sockets would hold close() open; the inbox is gone, so are they.
      this.server.closeAllConnections();
    });
  }

  private listen(): Promise<void> {
    const { host, port } = this.address;
    return new Promise((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) => reject(bindError(error, host, port));
      this.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.off('error', failed);
        this.server.on('error', (error) => {
          const lost = ConnectorError.from(error);
          for (const routes of this.routes.values()) for (const route of routes) route.lost(lost);
        });
        resolve();
      });
    });
  }

  private origin(): string {
    const bound = this.server.address();
    const port = typeof bound === 'object' && bound ? bound.port : this.address.port;
    const host = this.address.host.includes(':') ? `[${this.address.host}]` : this.address.host;
    return `http://${host}:${port}`;
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    try {
      const url = new URL(request.url ?? '/', 'http://inbox');
      const id = url.pathname.startsWith(PREFIX)
        ? decodeURIComponent(url.pathname.slice(PREFIX.length).replace(/\/$/, ''))
        : undefined;
      const route =
        id === undefined ? undefined : this.routes.get(id)?.find((candidate) => !candidate.probe);
      if (!route) return answer(response, 404, { error: 'no inbox at this path' });
      route.handle(request, response, url);
    } catch {
      // A path that is not even a URL (bad percent-encoding) names no inbox.
      answer(response, 404, { error: 'no inbox at this path' });
    }
  }
}

/** A JSON answer; after an error the connection closes, so a body not read yet cannot linger. */
export function answer(response: ServerResponse, status: number, body: object): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(status >= 400 && { connection: 'close' }),
  });
  response.end(text);
}

function bindError(error: NodeJS.ErrnoException, host: string, port: number): ConnectorError {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return new ConnectorError('network', `${where} is in use by another program`, {
      cause: error,
    });
  if (error.code === 'EACCES')
    return new ConnectorError(
      'config',
      `not allowed to listen on ${where} (ports below 1024 need privileges)`,
      { cause: error },
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new ConnectorError('config', `${host} is not an address of this machine`, {
      cause: error,
    });
  return new ConnectorError('network', `cannot listen on ${where}: ${error.message}`, {
    cause: error,
  });
}
