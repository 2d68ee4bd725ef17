// A faithful 3D Repo chat service for tests and the demo: socket.io 4 at `/chat`, websocket
// only, with the REST routes around sign-in and the frontend config, on one loopback port.
// It follows §7 of /work/shared/protocols/3drepo.md; see README.md beside this file.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Catalog, type CatalogOptions } from './catalog.js';
import {
  adoptSession,
  attachChat,
  modelRoom,
  NOTIFICATIONS_ROOM,
  projectRoom,
  resetSockets,
  SESSION_ROOM,
} from './chat.js';
import { modelRoutes, type RouteError } from './model-routes.js';
import { demoScript, type DemoScript } from './script.js';
import { Records } from './records.js';
import { configScript, restHandler, type User } from './rest.js';
import { SESSION_COOKIE, SessionStore, type Session } from './sessions.js';

export interface ThreeDRepoServerOptions extends CatalogOptions {
  users?: readonly User[];
  loginMode?: 'password' | 'sso';
  /** What config.js names as the chat service (given this server's URL); this server unless given. */
  chatHost?: string | ((siteUrl: string) => string);
  chatPath?: string;
  /** 0 (any free port) unless given; the demo may pin one. */
  port?: number;
  /** Each catch-up REST request (`GET /v5/teamspaces/…`, `GET /api/notifications`). */
  onModelRequest?: (route: string) => void;
}

export interface ModelPlace {
  teamspace: string;
  project: string;
  model: string;
}

export interface SignedIn {
  session: Session;
  /** The Cookie header value a client sends: `connect.sid=s%3A…`. */
  cookie: string;
}

export interface ThreeDRepoServer {
  /** The site's base URL, e.g. http://127.0.0.1:41234 (REST, config.js and the chat service). */
  readonly url: string;
  readonly port: number;
  readonly chatPath: string;
  /** A session for `username`, as a sign-in would create it. */
  signIn(username: string): SignedIn;
  /**
   * The session ends. Not elective (signed in elsewhere): `loggedOut {reason}` first, in the v5
   * form, the v4 `message` form, or both. Either way the sockets then leave every room.
   */
  endSession(
    sid: string,
    options?: { reason?: string; form?: 'v5' | 'v4' | 'both'; elective?: boolean },
  ): void;
  setLoginMode(mode: 'password' | 'sso'): void;
  /** The user's sessions the store holds now: one per sign-in not yet logged out or ended. */
  sessionsOf(username: string): Session[];
  /** A v5 model-room event in the `{teamspace, project, model, data}` envelope. */
  emitModelEvent(place: ModelPlace, event: string, data: object, sender?: string): void;
  /** A v5 project-room event in the `{teamspace, project, data}` envelope. */
  emitProjectEvent(teamspace: string, project: string, event: string, data: object): void;
  /** A v4 event: raw data, sent to the model's room or the user's notification room. */
  emitV4(channel: string, event: string, data: unknown): void;
  /** `<user>::notificationUpserted` into `notifications::<user>`. */
  upsertNotification(username: string, notification: object): void;
  deleteNotification(username: string, notificationId: string): void;
  /**
   * Shorthands for the events a person would cause in the web app: each is kept in `records`
   * (what the REST routes answer) and sent to the rooms if the chat service is up.
   */
  script: DemoScript;
  /** What the server's database holds: what catch-up can ask for. */
  readonly records: Records;
  /** Every room event sent so far, in order, to send again (a late delivery). */
  sentFrames(): SentFrame[];
  /** Sends a frame again as it was sent. */
  resend(frame: SentFrame): void;
  /** The REST routes of this model answer with this error (none: as usual). */
  refuseModelRoutes(model: string, error: RouteError | undefined): void;
  /** Room names each connected socket is in (its own id and session room left out). */
  socketRooms(): string[][];
  connectionCount(): number;
  /** Sends every socket one raw socket.io packet as written (e.g. one that is not JSON). */
  sendRaw(packet: string): void;
  /** The chat service goes away: every socket is dropped and the port closes. */
  stop(): Promise<void>;
  /** Starts again on the same port; sessions survive, rooms do not. */
  start(): Promise<void>;
  restart(): Promise<void>;
  roomOf(place: ModelPlace): string;
  projectRoomOf(teamspace: string, project: string): string;
}

export interface SentFrame {
  room: string;
  event: string;
  payload: unknown;
}

const HOST = '127.0.0.1';

export async function startThreeDRepoServer(
  options: ThreeDRepoServerOptions = {},
): Promise<ThreeDRepoServer> {
  const sessions = new SessionStore();
  const catalog = new Catalog(options);
  const records = new Records();
  const frames: SentFrame[] = [];
  const refusals = new Map<string, RouteError>();
  const answerModelRoute = modelRoutes({
    sessions,
    catalog,
    records,
    refusal: (model) => refusals.get(model),
    ...(options.onModelRequest && { onRequest: options.onModelRequest }),
  });
  const chatPath = options.chatPath ?? '/chat';
  let loginMode = options.loginMode ?? 'password';
  let port = options.port ?? 0;
  let http: HttpServer | undefined;
  let io: Server | undefined;

  const url = () => `http://${HOST}:${port}`;
  const live = () => {
    if (!io) throw new Error('the 3D Repo test server is stopped');
    return io;
  };

  const endSession: ThreeDRepoServer['endSession'] = (
    sid,
    { reason = 'You have logged in else where', form = 'v5', elective = false } = {},
  ) => {
    sessions.destroy(sid);
    if (!io) return;
    if (!elective && form !== 'v4') io.to(SESSION_ROOM(sid)).emit('loggedOut', { reason });
    if (!elective && form !== 'v5')
      io.to(SESSION_ROOM(sid)).emit('message', { event: 'loggedOut', reason });
    resetSockets(io, [sid]);
  };

  const handler = restHandler({
    sessions,
    catalog,
    users: () => options.users ?? [],
    loginMode: () => loginMode,
    authenticatedTeamspace: (username) => catalog.firstTeamspaceOf(username),
    configJs: () =>
      configScript({
        api_urls: { all: [`${url()}/api`] },
        chatHost:
          typeof options.chatHost === 'function'
            ? options.chatHost(url())
            : (options.chatHost ?? url()),
        chatPath,
        chatReconnectionAttempts: 10,
      }),
    onLogin: (session, socketId) => {
      if (socketId && io) adoptSession(io, socketId, session);
      for (const old of sessions.displacedBy(session)) endSession(old.sid);
    },
    // An elective logout: no loggedOut, the sockets just leave their rooms.
    onLogout: (session) => io && resetSockets(io, [session.sid]),
  });

  async function start(): Promise<void> {
    if (http) return;
    const server = createServer((request, response) => {
      if (answerModelRoute(request, response)) return;
      handler(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    io = new Server(server, { path: chatPath, transports: ['websocket'], serveClient: false });
    attachChat(io, sessions, catalog);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    http = server;
  }

  async function stop(): Promise<void> {
    const [server, chat] = [http, io];
    http = undefined;
    io = undefined;
    if (!server || !chat) return;
    // io.close() disconnects every socket, then closes the HTTP server.
    await new Promise<void>((resolve) => {
      void chat.close(() => resolve());
      server.closeAllConnections();
    });
  }

  const emitModelEvent: ThreeDRepoServer['emitModelEvent'] = (place, event, data, sender) => {
    const room = modelRoom(place.teamspace, place.project, place.model);
    const envelope = { ...place, data };
    frames.push({ room, event, payload: envelope });
    // Stopped: what happened is in the records, and nobody hears of it.
    if (!io) return;
    const from = sender ? live().of('/').sockets.get(sender) : undefined;
    // With a sender the change came from that socket's own REST call: it is not echoed back.
    if (from) from.to(room).emit(event, envelope);
    else live().to(room).emit(event, envelope);
  };

  const server: ThreeDRepoServer = {
    get url() {
      return url();
    },
    get port() {
      return port;
    },
    chatPath,
    signIn(username) {
      const session = sessions.create(username);
      return { session, cookie: `${SESSION_COOKIE}=${sessions.cookieValue(session)}` };
    },
    endSession,
    setLoginMode(mode) {
      loginMode = mode;
    },
    sessionsOf: (username) => sessions.ofUser(username),
    emitModelEvent,
    emitProjectEvent(teamspace, project, event, data) {
      live().to(projectRoom(teamspace, project)).emit(event, { teamspace, project, data });
    },
    emitV4(channel, event, data) {
      live().to(channel).emit(event, data);
    },
    upsertNotification(username, notification) {
      records.upsertNotification(username, notification as Record<string, unknown>);
      const frame = {
        room: NOTIFICATIONS_ROOM(username),
        event: `${username}::notificationUpserted`,
        payload: notification,
      };
      frames.push(frame);
      io?.to(frame.room).emit(frame.event, frame.payload);
    },
    deleteNotification(username, notificationId) {
      records.deleteNotification(username, notificationId);
      io?.to(NOTIFICATIONS_ROOM(username)).emit(`${username}::notificationDeleted`, {
        _id: notificationId,
      });
    },
    script: demoScript(records, emitModelEvent, (ts, project, event, data) =>
      server.emitProjectEvent(ts, project, event, data),
    ),
    records,
    sentFrames: () => [...frames],
    refuseModelRoutes(model, error) {
      if (error) refusals.set(model, error);
      else refusals.delete(model);
    },
    resend(frame) {
      live().to(frame.room).emit(frame.event, frame.payload);
    },
    socketRooms() {
      if (!io) return [];
      return [...io.of('/').sockets.values()].map((socket) =>
        [...socket.rooms]
          .filter((room) => room !== socket.id && !room.startsWith('sessions::'))
          .sort(),
      );
    },
    connectionCount: () => (io ? io.of('/').sockets.size : 0),
    sendRaw(packet) {
      // The Engine.IO socket under socket.io's: it frames the text as a message, nothing more.
      for (const socket of live().of('/').sockets.values()) socket.conn.write(packet);
    },
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    roomOf: (place) => modelRoom(place.teamspace, place.project, place.model),
    projectRoomOf: projectRoom,
  };
  await start();
  return server;
}
