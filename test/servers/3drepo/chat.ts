import type { Server, Socket } from 'socket.io';
import { RoomLookupError, type Catalog } from './catalog.js';
import type { Session, SessionStore } from './sessions.js';

/** Room name prefixes (`chat.constants.js`). */
export const SESSION_ROOM = (sid: string) => `sessions::${sid}`;
export const NOTIFICATIONS_ROOM = (username: string) => `notifications::${username}`;
export const modelRoom = (teamspace: string, project: string, model: string) =>
  `${teamspace}::${project}::${model}`;
export const projectRoom = (teamspace: string, project: string) => `${teamspace}::${project}`;

const ERRORS = {
  unauthorised: { code: 'UNAUTHORISED', message: 'You are not authenticated to the service.' },
  unknownRoom: { code: 'ROOM_NOT_FOUND', message: 'Cannot identify the room indicated' },
};

/** What the chat node keeps on a socket: the session it was handed, if any. */
interface SocketData {
  session?: Session | undefined;
}

type Action = 'join' | 'leave';

class ChatError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The chat node's socket handling (`socketsManager.js`): the session comes from the handshake's
 * `connect.sid` cookie (never refused without one: the socket is just anonymous), `join`/`leave`
 * answered with a `message` success or an `error`, both echoing the payload as sent.
 */
export function attachChat(io: Server, sessions: SessionStore, catalog: Catalog): void {
  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    data.session = sessions.fromCookieHeader(socket.handshake.headers.cookie);
    if (data.session) void socket.join(SESSION_ROOM(data.session.sid));
    socket.on('join', (payload: unknown) => handle(socket, 'join', payload));
    socket.on('leave', (payload: unknown) => handle(socket, 'leave', payload));
  });

  function handle(socket: Socket, action: Action, payload: unknown): void {
    try {
      const room = action === 'join' ? joinRoom(socket, payload) : roomOf(socket, payload);
      if (action === 'join') void socket.join(room);
      else void socket.leave(room);
      socket.emit('message', { event: 'success', data: { action, data: payload } });
    } catch (error) {
      const { code, message } =
        error instanceof ChatError ? error : { code: 'UNKNOWN', message: String(error) };
      socket.emit('error', { code, message, details: { action, data: payload } });
    }
  }

  /** The room a payload names, without checking access (all `leave` needs). */
  function roomOf(socket: Socket, payload: unknown): string {
    const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const username = (socket.data as SocketData).session?.username;
    if (p.notifications === true && username) return NOTIFICATIONS_ROOM(username);
    if (typeof p.teamspace === 'string' && typeof p.project === 'string') {
      return typeof p.model === 'string'
        ? modelRoom(p.teamspace, p.project, p.model)
        : projectRoom(p.teamspace, p.project);
    }
    throw new ChatError(ERRORS.unknownRoom.code, ERRORS.unknownRoom.message);
  }

  function joinRoom(socket: Socket, payload: unknown): string {
    const session = (socket.data as SocketData).session;
    // The session may have ended since the handshake.
    if (!session || !sessions.get(session.sid))
      throw new ChatError(ERRORS.unauthorised.code, ERRORS.unauthorised.message);
    const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const { username } = session;
    if (p.notifications === true) return NOTIFICATIONS_ROOM(username);
    if (typeof p.account === 'string') return joinV4(socket, p, username);
    if (typeof p.teamspace !== 'string' || typeof p.project !== 'string')
      throw new ChatError(ERRORS.unknownRoom.code, ERRORS.unknownRoom.message);
    const { teamspace, project } = p;
    // The real check sits in a try whose catch rethrows everything as ROOM_NOT_FOUND: no access
    // reads the same as no such room (§3 of the notes).
    try {
      if (typeof p.model === 'string') {
        catalog.checkModelAccess(teamspace, project, p.model, username);
        return modelRoom(teamspace, project, p.model);
      }
      catalog.checkProjectAdmin(teamspace, project, username);
      return projectRoom(teamspace, project);
    } catch (error) {
      const message = error instanceof RoomLookupError ? error.message : String(error);
      throw new ChatError('ROOM_NOT_FOUND', message);
    }
  }

  /** v4 forms: `{account, model}` (also emits `joined`) and `{account}` for the own room. */
  function joinV4(socket: Socket, p: Record<string, unknown>, username: string): string {
    const account = p.account as string;
    if (typeof p.model !== 'string') {
      if (account !== username) {
        socket.emit('credentialError', { message: 'You do not have permission to join this room' });
        throw new ChatError(ERRORS.unauthorised.code, ERRORS.unauthorised.message);
      }
      return NOTIFICATIONS_ROOM(username);
    }
    const entry = catalog.model(account, p.model);
    if (!entry) throw new ChatError('ROOM_NOT_FOUND', 'Model not found');
    try {
      catalog.checkModelAccess(account, entry.project, entry.model, username);
    } catch (error) {
      throw new ChatError('ROOM_NOT_FOUND', (error as Error).message);
    }
    socket.emit('joined', p);
    return modelRoom(account, entry.project, entry.model);
  }
}

/** `SESSIONS_REMOVED`: every socket of the sessions leaves every room; it stays connected. */
export function resetSockets(io: Server, sids: readonly string[]): void {
  for (const socket of io.of('/').sockets.values()) {
    const session = (socket.data as SocketData).session;
    if (!session || !sids.includes(session.sid)) continue;
    for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
    (socket.data as SocketData).session = undefined;
  }
}

/** The `x-socket-id` login: a connected anonymous socket takes on the new session. */
export function adoptSession(io: Server, socketId: string, session: Session): boolean {
  const socket = io.of('/').sockets.get(socketId);
  if (!socket) return false;
  (socket.data as SocketData).session = session;
  void socket.join(SESSION_ROOM(session.sid));
  return true;
}
