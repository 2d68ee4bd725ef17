import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { connectionId, type Connection } from './connection.js';
import type { KuzzleCore } from './kuzzle.js';

/** Engine.IO's revision of a connection: 3 for socket.io 2 clients, 4 for socket.io 3+ ones. */
type EngineConnection = Socket['conn'];

/**
 * Kuzzle 1.x's Socket.io protocol (notes §2.2): requests on the `kuzzle` event, each response
 * on an event named after its requestId, notifications on an event named after the channel.
 * Kuzzle 1.x served socket.io 2 (Engine.IO 3); only socket.io 4 is installed here, so it runs
 * with `allowEIO3` and turns socket.io 3+ clients (Engine.IO 4) away as a socket.io 2 server
 * does (see `answerAsSocketIo2`). Kuzzle 2 has no Socket.io: connections are refused.
 */
export class SocketIoFront {
  private readonly io: Server;

  constructor(server: HttpServer, core: KuzzleCore) {
    this.io = new Server(server, {
      path: '/socket.io/',
      allowEIO3: true,
      serveClient: false,
      // Other upgrades on this port are the WebSocket front's, not to be cut by engine.io.
      destroyUpgrade: false,
    });
    this.io.engine.on('connection', (conn: EngineConnection) => {
      if (conn.protocol !== 3) answerAsSocketIo2(conn);
    });
    this.io.use((socket, next) => {
      // A socket.io 3+ client may send its CONNECT before answerAsSocketIo2's close lands.
      if (socket.conn.protocol !== 3) return next(new Error('socket.io 2 server'));
      next(core.version === 1 ? undefined : new Error('Kuzzle 2 does not serve Socket.io'));
    });
    this.io.on('connection', (socket) => {
      const connection: Connection = {
        id: connectionId(),
        protocol: 'socketio',
        notify: (channel, payload) => socket.emit(channel, payload),
      };
      core.connected(connection);
      socket.on('kuzzle', async (input: unknown) => {
        const { frame } = await core.handle(connection, input);
        socket.emit(String(frame.requestId), frame);
      });
      socket.on('disconnect', () => core.disconnected(connection));
    });
  }

  get size(): number {
    return this.io.of('/').sockets.size;
  }

  dropAll(): void {
    // Closing the underlying engine.io transport makes the client see a transport error.
    for (const socket of this.io.of('/').sockets.values()) socket.conn.close();
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}

/**
 * A socket.io 2 server does not check the Engine.IO revision (engine.io 3 has no such check): it
 * opens the session and greets every client with a bare CONNECT packet, `0`. A socket.io 3+
 * client needs a session id in that packet and reports connect_error ("It seems you are trying
 * to reach a Socket.IO server in v2.x with a v3.x client…"). That greeting is sent here, then the
 * connection is closed instead of being left to die of a ping timeout, as it would on Kuzzle 1.x
 * (Engine.IO 3 servers answer pings, Engine.IO 4 clients wait for them).
 */
function answerAsSocketIo2(conn: EngineConnection): void {
  conn.send('0');
  conn.close();
}
