// A test server's HTTP listener that can be killed and brought back on the same port: every
// open connection cut on stop (a dead server sends no goodbye), the port reused on restart, so a
// client reconnects to the "same" server. ntfy's and Gotify's stand-ins use it.
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Restartable {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** Listens on loopback (`port` 0: a free one); `beforeStop` ends what the server holds open. */
export async function listenRestartable(
  server: Server,
  port: number,
  beforeStop: () => void,
): Promise<Restartable> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let bound = port;
  const listen = () =>
    new Promise<void>((resolve) =>
      server.listen(bound, '127.0.0.1', () => {
        bound = (server.address() as AddressInfo).port;
        resolve();
      }),
    );
  await listen();
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    beforeStop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    get port() {
      return bound;
    },
    get url() {
      return `http://127.0.0.1:${bound}`;
    },
    stop,
    restart: async () => {
      await stop();
      await listen();
      running = true;
    },
  };
}
