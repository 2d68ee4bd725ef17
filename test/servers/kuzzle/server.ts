import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionId, type Connection } from './connection.js';
import { KuzzleError, type ErrorId, type KuzzleVersion } from './errors.js';
import { KuzzleCore, type KuzzleCoreOptions } from './kuzzle.js';
import { MqttFront, type BrokerLogin } from './mqtt-front.js';
import { SocketIoFront } from './socketio-front.js';
import { WebSocketFront } from './websocket-front.js';

export interface KuzzleServerOptions extends KuzzleCoreOptions {
  /** username → password, for `auth/login` with the local strategy. */
  users?: Record<string, string>;
  /** 2.x idle timeout (Kuzzle: 60 s). */
  idleTimeoutMs?: number;
  /** 1.x heartbeat (Kuzzle: 60 s). */
  heartbeatMs?: number;
  /** Largest WebSocket frame accepted (Kuzzle: 1 MB). */
  maxRequestSize?: number;
  /** Attach to this MQTT broker as the Kuzzle side of the MQTT protocol. */
  mqtt?: BrokerLogin;
}

export interface WriteOptions {
  /** The author written in `_kuzzle_info` (default: "-1", anonymous). */
  as?: string;
  _id?: string;
  volatile?: Record<string, unknown>;
}

/** See README.md beside this file for what each control plays. */
export interface KuzzleTestServer {
  /** `ws://127.0.0.1:<port>`: WebSocket on any path, Socket.io (1.x) on /socket.io/. */
  readonly url: string;
  readonly port: number;
  readonly core: KuzzleCore;
  readonly version: KuzzleVersion;
  setVersion(version: KuzzleVersion): void;
  setUser(username: string, password: string): void;
  /** An API key (`kapikey-…`, never expires) for the user. */
  apiKey(username: string): string;
  publish(
    index: string,
    collection: string,
    body: Record<string, unknown>,
    options?: WriteOptions,
  ): void;
  createDocument(
    index: string,
    collection: string,
    body: Record<string, unknown>,
    options?: WriteOptions,
  ): string;
  replaceDocument(
    index: string,
    collection: string,
    id: string,
    body: Record<string, unknown>,
    options?: WriteOptions,
  ): void;
  updateDocument(
    index: string,
    collection: string,
    id: string,
    changes: Record<string, unknown>,
    options?: WriteOptions,
  ): void;
  deleteDocument(index: string, collection: string, id: string, options?: WriteOptions): void;
  /** An empty collection, as an admin's `collection:create` makes it. */
  createCollection(index: string, collection: string): void;
  /** Expires every token of the user now (or one token): TokenExpired, subscriptions dropped. */
  expireTokens(usernameOrJwt: string): void;
  /** The next request fails with this error (e.g. `api.process.overloaded`). */
  failNextRequest(id: ErrorId): void;
  /** The user's profile no longer allows this `controller:action` (e.g. `document:search`): 403. */
  forbid(username: string, route: string): void;
  /** Document notifications wait until `releaseNotifications()`: they reach subscribers late. */
  holdNotifications(): void;
  releaseNotifications(): void;
  /** How many requests for this `controller:action` came, from anyone. */
  requestCount(route: string): number;
  /** Open WebSocket + Socket.io connections. */
  connectionCount(): number;
  /** Connections subscribed in each room, by index and collection. */
  subscriptions(): ReturnType<KuzzleCore['hotel']['list']>;
  /** Cuts every connection without a goodbye (a crash, a dropped network). */
  dropConnections(): void;
  /** Sends raw text to every WebSocket client, e.g. a malformed or oversized frame. */
  sendRaw(data: string | Buffer): void;
  /** Closes every WebSocket with this code (1000 makes the official SDK give up). */
  closeConnections(code: number, reason?: string): void;
  /** Stops reading and answering, pings included, until `thaw()`: a dead link. */
  freeze(): void;
  thaw(): void;
  attachMqtt(broker: BrokerLogin): Promise<void>;
  /** Down and up again on the same port with empty state, as a restarted Kuzzle; stored
   * documents stay, as in Elasticsearch. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts the test server on a free loopback port. */
export async function startKuzzleServer(
  options: KuzzleServerOptions = {},
): Promise<KuzzleTestServer> {
  const core = new KuzzleCore(options);
  const users = { ...options.users };
  const seedUsers = () => {
    for (const [name, password] of Object.entries(users)) core.tokens.setUser(name, password);
  };
  seedUsers();
  let http: HttpServer;
  let ws: WebSocketFront;
  let sio: SocketIoFront;
  let mqtt: MqttFront | undefined;
  let port = 0;
  // Scripted writes come as from HTTP, which gets no notifications.
  const scripted = (): Connection => ({
    id: connectionId(),
    protocol: core.version === 2 ? 'HTTP/1.1' : 'http',
    notify: () => {},
  });

  async function listen(): Promise<void> {
    http = createServer((_request, response) => {
      response.writeHead(404).end();
    });
    ws = new WebSocketFront(http, core, {
      maxPayload: options.maxRequestSize ?? 1024 * 1024,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      heartbeatMs: options.heartbeatMs ?? 60_000,
    });
    sio = new SocketIoFront(http, core);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, HOST, () => resolve());
    });
    port = (http.address() as AddressInfo).port;
  }

  async function shutDown(): Promise<void> {
    ws.close();
    await sio.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  function write(options: WriteOptions | undefined, request: Record<string, unknown>): unknown {
    const input = {
      ...request,
      ...(options?._id !== undefined && { _id: options._id }),
      volatile: options?.volatile ?? null,
    };
    return core.script(scripted(), input, options?.as ?? '-1');
  }

  await listen();
  if (options.mqtt) mqtt = await MqttFront.attach(core, options.mqtt);

  return {
    get url() {
      return `ws://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    core,
    get version() {
      return core.version;
    },
    setVersion: (version) => {
      core.version = version;
    },
    setUser: (username, password) => {
      users[username] = password;
      core.tokens.setUser(username, password);
    },
    apiKey: (username) => core.tokens.apiKey(username),
    publish: (index, collection, body, opts) => {
      write(opts, { controller: 'realtime', action: 'publish', index, collection, body });
    },
    createCollection: (index, collection) => core.documents.createCollection(index, collection),
    createDocument: (index, collection, body, opts) =>
      (
        write(opts, { controller: 'document', action: 'create', index, collection, body }) as {
          _id: string;
        }
      )._id,
    replaceDocument: (index, collection, _id, body, opts) => {
      write(
        { ...opts, _id },
        { controller: 'document', action: 'replace', index, collection, body },
      );
    },
    updateDocument: (index, collection, _id, body, opts) => {
      write(
        { ...opts, _id },
        { controller: 'document', action: 'update', index, collection, body },
      );
    },
    deleteDocument: (index, collection, _id, opts) => {
      write({ ...opts, _id }, { controller: 'document', action: 'delete', index, collection });
    },
    expireTokens: (target) => {
      const jwts = target.includes('.') ? [target] : core.tokens.tokensOf(target);
      for (const jwt of jwts) core.tokens.expire(jwt);
    },
    forbid: (username, route) => {
      const routes = core.forbidden.get(username) ?? new Set<string>();
      core.forbidden.set(username, routes.add(route));
    },
    holdNotifications: () => core.hold(),
    releaseNotifications: () => core.release(),
    requestCount: (route) => core.routes.filter((r) => r === route).length,
    failNextRequest: (id) => core.inject(new KuzzleError(id)),
    connectionCount: () => ws.size + sio.size,
    subscriptions: () => core.hotel.list(),
    dropConnections: () => {
      ws.dropAll();
      sio.dropAll();
    },
    closeConnections: (code, reason) => ws.closeAll(code, reason),
    sendRaw: (data) => ws.sendRaw(data),
    freeze: () => {
      ws.frozen = true;
    },
    thaw: () => {
      ws.frozen = false;
    },
    attachMqtt: async (broker) => {
      mqtt = await MqttFront.attach(core, broker);
    },
    restart: async () => {
      await shutDown();
      core.reset();
      mqtt?.reset();
      seedUsers();
      await listen();
    },
    stop: async () => {
      await mqtt?.detach();
      await shutDown();
      core.reset(true);
    },
  };
}
