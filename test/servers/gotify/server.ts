// A faithful Gotify server for tests and the demo (see README.md beside this file): the client
// API of router/router.go (`/stream`, `/message` paged, `/application`) with Gotify's token and
// Basic auth, and `POST /message` for applications.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenRestartable } from '../restartable.js';
import {
  GotifyStore,
  type GotifyMessage,
  type GotifyUserSpec,
  type MessageInput,
} from './store.js';

export interface GotifyServerOptions {
  users: Record<string, GotifyUserSpec>;
  /** server.stream.pingperiodseconds (45 s). */
  pingMs?: number;
  port?: number;
}

export interface GotifyTestServer {
  readonly url: string;
  readonly port: number;
  readonly store: GotifyStore;
  /** `POST /message` with the named application's token; while stopped it waits in the store. */
  publish(app: string, input: MessageInput): GotifyMessage;
  /** One text frame as given to every open stream. */
  sendRaw(text: string): void;
  /** Every `GET /message` query, in order. */
  readonly pageRequests: Record<string, string>[];
  streams(): number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};
const NO_TOKEN = 'you need to provide a valid access token or user credentials to access this api';

export async function startGotifyServer(options: GotifyServerOptions): Promise<GotifyTestServer> {
  const store = new GotifyStore(options.users);
  const pingMs = options.pingMs ?? 45_000;
  const streams = new Map<WebSocket, string>();
  const pageRequests: Record<string, string>[] = [];
  const wss = new WebSocketServer({ noServer: true });

  /** readTokenFromRequest: header, `?token=`, `Authorization: Bearer`; else Basic for a user. */
  function clientUser(request: IncomingMessage, url: URL): string | undefined {
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token =
      (request.headers['x-gotify-key'] as string | undefined) ??
      url.searchParams.get('token') ??
      bearer;
    if (token) return store.userOfClient(token);
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!basic) return undefined;
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0
      ? store.userOfPassword(decoded.slice(0, colon), decoded.slice(colon + 1))
      : undefined;
  }

  function publish(appName: string, input: MessageInput): GotifyMessage {
    const { user, app } = store.appNamed(appName);
    const message = store.add(user, app, input);
    for (const [socket, owner] of streams) if (owner === user) socket.send(JSON.stringify(message));
    return message;
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = `${request.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    if (route === 'GET /health') return send(response, 200, { health: 'green', database: 'green' });
    if (route === 'GET /version')
      return send(response, 200, { version: '2.6.3', commit: 'test', buildDate: '' });
    if (route === 'POST /message') return void createMessage(request, response, url);
    const user = clientUser(request, url);
    if (route === 'GET /stream')
      return error(response, user ? 400 : 401, user ? 'not a websocket' : NO_TOKEN);
    if (!user) return error(response, 401, NO_TOKEN);
    if (route === 'GET /application')
      return send(
        response,
        200,
        store
          .appsOf(user)
          .map((app) => ({ ...app, lastUsed: null, createdAt: new Date(0).toISOString() })),
      );
    if (route === 'GET /message') return pageOfMessages(response, url, user);
    error(response, 404, 'page not found');
  });

  function pageOfMessages(response: ServerResponse, url: URL, user: string): void {
    pageRequests.push(Object.fromEntries(url.searchParams));
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const since = Number(url.searchParams.get('since') ?? 0);
    if (!Number.isInteger(limit) || limit < 1)
      return error(response, 400, "Field 'limit' must be more or equal to 1");
    if (limit > 200) return error(response, 400, "Field 'limit' must be less or equal to 200");
    if (!Number.isInteger(since) || since < 0)
      return error(response, 400, "Field 'since' must be more or equal to 0");
    // buildWithPaging: one more than asked tells whether there is a next page.
    const fetched = store.messagesOf(user, limit + 1, since);
    const messages = fetched.slice(0, limit);
    const more = fetched.length > limit;
    const nextSince = more ? messages.at(-1)!.id : 0;
    send(response, 200, {
      paging: {
        ...(more && { next: `${url.pathname}?limit=${limit}&since=${nextSince}` }),
        size: messages.length,
        since: nextSince,
        limit,
      },
      messages,
    });
  }

  async function createMessage(request: IncomingMessage, response: ServerResponse, url: URL) {
    const token =
      (request.headers['x-gotify-key'] as string | undefined) ?? url.searchParams.get('token');
    const entry = token ? store.apps.get(token) : undefined;
    let body = '';
    for await (const chunk of request) body += String(chunk);
    if (!entry) return error(response, 401, NO_TOKEN);
    let input: MessageInput;
    try {
      input = JSON.parse(body) as MessageInput;
    } catch {
      return error(response, 400, 'invalid JSON');
    }
    if (typeof input.message !== 'string' || input.message === '')
      return error(response, 400, "Field 'message' is required");
    send(response, 200, publish(entry.app.name, input));
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const user = url.pathname === '/stream' ? clientUser(request, url) : undefined;
    if (!user) return refuse(socket, url.pathname === '/stream' ? 401 : 404);
    wss.handleUpgrade(request, socket, head, (ws) => {
      streams.set(ws, user);
      const pinger = setInterval(() => ws.ping(), pingMs);
      ws.on('close', () => {
        clearInterval(pinger);
        streams.delete(ws);
      });
    });
  });
  const listener = await listenRestartable(server, options.port ?? 0, () => {
    for (const socket of streams.keys()) socket.terminate();
    streams.clear();
  });

  return {
    get url() {
      return listener.url;
    },
    get port() {
      return listener.port;
    },
    store,
    publish,
    sendRaw: (text) => {
      for (const socket of streams.keys()) socket.send(text);
    },
    pageRequests,
    streams: () => streams.size,
    stop: () => listener.stop(),
    restart: () => listener.restart(),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** error/handler.go writeError: `{error, errorCode, errorDescription}`. */
function error(response: ServerResponse, status: number, description: string): void {
  send(response, status, {
    error: STATUS_TEXT[status] ?? 'Error',
    errorCode: status,
    errorDescription: description,
  });
}

function refuse(socket: Duplex, status: number): void {
  const body = JSON.stringify({
    error: STATUS_TEXT[status] ?? 'Error',
    errorCode: status,
    errorDescription: status === 401 ? NO_TOKEN : 'page not found',
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
