// A front door that makes a real mosquitto look like an MQTT 3.1.1-only broker (mosquitto 1.x,
// older VerneMQ and HiveMQ 3): mosquitto 2.0 speaks 3.1, 3.1.1 and 5 on every listener and cannot
// be told not to. It reads each connection's CONNECT; protocol level 5 gets what those brokers
// send (MQTT 3.1.1 §3.1.2.2: CONNACK return code 0x01, "unacceptable protocol level", then the
// connection closes, as mosquitto 1.4's handle_connect does), anything else is forwarded to
// mosquitto untouched, which then talks 3.1.1 for real.
import { createServer, Socket, type AddressInfo } from 'node:net';

export interface Mqtt311Front {
  readonly url: string;
  /** How many MQTT 5 CONNECTs it refused. */
  refusedV5(): number;
  stop(): Promise<void>;
}

const UNACCEPTABLE_PROTOCOL_LEVEL = Buffer.from([0x20, 0x02, 0x00, 0x01]);

/** The protocol level of a complete CONNECT's start, or undefined while bytes are missing. */
function protocolLevel(buffer: Buffer): number | undefined {
  // Fixed header, then the remaining length (1 to 4 bytes, 7 bits each).
  let offset = 1;
  while (offset < buffer.length && (buffer[offset]! & 0x80) !== 0) offset++;
  offset++;
  if (buffer.length < offset + 2) return undefined;
  const nameLength = buffer.readUInt16BE(offset);
  const levelAt = offset + 2 + nameLength;
  return buffer.length > levelAt ? buffer[levelAt] : undefined;
}

export async function startMqtt311Front(target: { port: number }): Promise<Mqtt311Front> {
  const sockets = new Set<Socket>();
  let refused = 0;
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const first = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const level = protocolLevel(head);
      if (level === undefined) return;
      client.off('data', first);
      if (level === 5) {
        refused++;
        client.end(UNACCEPTABLE_PROTOCOL_LEVEL);
        return;
      }
      const upstream = new Socket();
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      upstream.connect(target.port, '127.0.0.1', () => {
        upstream.write(head);
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    client.on('data', first);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    refusedV5: () => refused,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
