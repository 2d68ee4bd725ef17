import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { connectionId, type Connection } from './connection.js';
import type { KuzzleCore } from './kuzzle.js';

/**
 * Kuzzle 1.x's Socket.io protocol (notes §2.2): requests on the `kuzzle` event, each response
 * on an event named after its requestId, notifications on an event named after the channel.
 * Kuzzle 1.x served socket.io 2; only socket.io 4 is installed here, with `allowEIO3` so that
 * a socket.io 2 client could connect too. Kuzzle 2 has no Socket.io: connections are refused.
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
    this.io.use((_socket, next) => {
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
