// A TCP proxy on a free loopback port that can be told to go silent: the link a NAT or a
// dead Wi-Fi leaves behind, where both sockets stay open and nothing gets through either way.
// Connections made after `silence()` are forwarded again, as a fresh route would be.
import { createServer, Socket, type AddressInfo } from 'node:net';

export interface SilentProxy {
  /** Loopback port that forwards to the target. */
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's (the scheme and path kept). */
  via(url: string): string;
  /** Connections open now stop forwarding both ways; their sockets stay open. */
  silence(): void;
  /** How many connections the proxy has accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  silent: boolean;
}

export async function startSilentProxy(target: {
  host?: string;
  port: number;
}): Promise<SilentProxy> {
  const host = target.host ?? '127.0.0.1';
  const links = new Set<Link>();
  let accepted = 0;

  const server = createServer((client) => {
    accepted++;
    const upstream = new Socket();
    const link: Link = { client, upstream, silent: false };
    links.add(link);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        // Silent: read and drop, so neither side sees a close or back-pressure.
        if (!link.silent) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', () => {
        if (!link.silent) end();
      });
    }
    upstream.connect(target.port, host);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    via(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
    },
    silence() {
      for (const link of links) link.silent = true;
    },
    connections: () => accepted,
    async stop() {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
      links.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
