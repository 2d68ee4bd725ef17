/**
 * A Rocket.Chat realtime (DDP) test server that follows the protocol notes
 * (shared/protocols/rocketchat.md §13). Tests and the demo drive it through this API:
 *
 *   const server = await startRocketChatServer({ greeting: 'server_id' });
 *   const alice = server.addUser({ username: 'alice', password: 'secret' });
 *   server.addUser({ username: 'bob', password: 'pw' });
 *   const general = server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'] });
 *   server.post('bob', general._id, 'hello @alice');       // as another user: streams, counters
 *   await server.stop(); await server.restart();           // same port, same data
 *   await server.close();
 *
 * `server.url` is the site's http base URL (what an account's `server` holds); the WebSocket is
 * at `<url>/websocket`.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Hub, type PostOptions } from './hub.js';
import { resolveOptions, type RocketChatServerOptions } from './options.js';
import { saveNotificationSettings, saveUserPreferences } from './preferences.js';
import { handleRest } from './rest.js';
import { Session } from './session.js';
import { Store, type Message, type NewRoom, type NewUser, type Room, type User } from './store.js';

export type { RocketChatServerOptions } from './options.js';
export type { Message, Room, User } from './store.js';

export interface RocketChatServer {
  /** `http://127.0.0.1:<port>`: the site URL a client is given. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly hub: Hub;

  addUser(input: NewUser): User;
  addRoom(input: NewRoom): Room;
  /** A personal access token for the user (a login token that never expires). */
  personalAccessToken(username: string): string;
  /** `username` posts as if through `sendMessage`: streams, notifications and counters follow. */
  post(username: string, rid: string, text: string, options?: PostOptions): Message;
  edit(username: string, mid: string, text: string): Message;
  delete(username: string, mid: string): void;
  react(username: string, mid: string, emoji: string): Message;
  pin(username: string, mid: string): Message;
  /** A system message such as `uj` (joined) or `room_changed_topic` with its `msg`. */
  systemMessage(username: string, rid: string, t: string, msg: string): Message;
  /** The user reads the room in another client: counters reset, subscriptions-changed. */
  read(username: string, rid: string): void;
  setStatus(username: string, status: User['status'], statusText?: string): void;
  /** The user's desktop preference, for one room (subscription) or all (user preference). */
  setDesktopPreference(
    username: string,
    preference: 'all' | 'mentions' | 'nothing',
    rid?: string,
  ): void;
  /** The user changes preferences in another client (`saveUserPreferences`): `userData` follows. */
  savePreferences(username: string, data: Record<string, unknown>): void;
  /** The user changes a room's notification setting in another client (`saveNotificationSettings`). */
  saveRoomNotification(username: string, rid: string, field: string, value: string): void;
  /** Revokes the user's login tokens: `force_logout`, then their connections close. */
  forceLogout(username: string): void;
  /** Writes `text` as is to every connection logged in as the user (malformed frames). */
  sendRaw(username: string, text: string | Buffer): void;
  /** Live connections, optionally only those logged in as `username`. */
  sessions(username?: string): Session[];
  /** Cuts every connection without a closing handshake. */
  dropConnections(): void;
  /** Every current connection goes silent without closing; new ones work normally. */
  silenceConnections(): void;
  /** The server stops answering client pings on current connections. */
  ignorePings(): void;
  /** Closes the listener and every connection; the data stays. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRocketChatServer(
  input: RocketChatServerOptions = {},
): Promise<RocketChatServer> {
  const options = resolveOptions(input);
  const store = new Store();
  const hub = new Hub(store, options);
  const sessions = new Set<Session>();
  let http: HttpServer | undefined;
  let port = options.port;

  async function listen(): Promise<void> {
    const server = createServer((request, response) => handleRest(hub, request, response));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      // Meteor serves the raw DDP socket at /websocket (and /websocket/).
      if (path !== '/websocket' && path !== '/websocket/') {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        sessions.add(new Session(ws, hub, (session) => sessions.delete(session)));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    http = server;
  }

  async function stop(): Promise<void> {
    const server = http;
    http = undefined;
    for (const session of sessions) session.terminate();
    sessions.clear();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  await listen();
  const user = (username: string) => store.mustUser(username);
  const liveSessions = (username?: string) =>
    [...sessions].filter((s) => username === undefined || s.user?.username === username);

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    store,
    hub,
    addUser: (newUser) => store.addUser(newUser),
    addRoom: (room) => {
      const created = store.addRoom(room);
      for (const member of store.members(created._id)) {
        hub.emitUser(member._id, 'subscriptions-changed', [
          'inserted',
          store.subscription(created._id, member._id),
        ]);
        hub.emitUser(member._id, 'rooms-changed', ['inserted', created]);
      }
      return created;
    },
    personalAccessToken: (username) => store.issueToken(user(username), true).token,
    post: (username, rid, text, postOptions) => hub.post(user(username), rid, text, postOptions),
    edit: (username, mid, text) => hub.edit(user(username), mid, text),
    delete: (username, mid) => hub.delete(user(username), mid),
    react: (username, mid, emoji) => hub.react(user(username), mid, emoji),
    pin: (username, mid) => hub.pin(user(username), mid),
    systemMessage: (username, rid, t, msg) => hub.post(user(username), rid, msg, { t }),
    read: (username, rid) => hub.readMessages(user(username), rid),
    setStatus: (username, status, statusText) => hub.setStatus(user(username), status, statusText),
    setDesktopPreference: (username, preference, rid) => {
      const target = user(username);
      if (rid === undefined) target.desktopNotifications = preference;
      else {
        const subscription = store.subscription(rid, target._id);
        if (!subscription) throw new Error(`${username} is not in ${rid}`);
        subscription.desktopNotifications = preference;
      }
    },
    savePreferences: (username, data) => saveUserPreferences(hub, user(username), data),
    saveRoomNotification: (username, rid, field, value) =>
      void saveNotificationSettings(hub, user(username), rid, field, value),
    forceLogout: (username) => hub.forceLogout(user(username), (peer) => (peer as Session).close()),
    sendRaw: (username, text) => {
      for (const session of liveSessions(username)) session.sendRaw(text);
    },
    sessions: liveSessions,
    dropConnections: () => {
      for (const session of sessions) session.terminate();
    },
    silenceConnections: () => {
      for (const session of sessions) session.silence();
    },
    ignorePings: () => {
      for (const session of sessions) session.answerPings = false;
    },
    stop,
    restart: async () => {
      if (!http) await listen();
    },
    close: stop,
  };
}
