// The MQTT wiring against brokers that misbehave: one that never answers, one that speaks
// something else, and a close() while a connect is still pending. Nothing hangs or throws.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DinoSession, type SubscriptionResult } from '../../../app/connectors/dino/client.js';
import { createDinoConnector } from '../../../app/connectors/dino/connector.js';
import { ConnectorError, type ConnectorContext } from '../../../app/core/connector.js';
import { silentLogger } from '../../../app/core/log.js';
import { dinoAccount } from '../../../app/core/settings/accounts.js';

const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A TCP server on a free loopback port that does `onSocket` with each connection. */
async function fakeBroker(onSocket: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `mqtt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

function session(url: string, connectTimeoutMs = 5_000) {
  return new DinoSession(
    {
      url,
      clientId: 'tidings_test',
      sessionExpirySeconds: 60,
      subscriptions: [{ topic: 'dms/test/1', required: true }],
      connectTimeoutMs,
    },
    { message: () => {}, subscribed: () => {}, lost: () => {} },
    silentLogger,
  );
}

describe('DinoSession against misbehaving brokers', () => {
  it('a broker that never sends CONNACK: a retryable "did not answer"', async () => {
    const url = await fakeBroker(() => {});
    const s = session(url, 200);
    const error = await s.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'network', message: 'the broker did not answer' });
    await s.close();
  });

  it('a server that answers with something else: rejected, not thrown', async () => {
    const url = await fakeBroker((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const s = session(url);
    const error = await s.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).retryable).toBe(true);
    await s.close();
  });

  it('close() while connecting: open() rejects at once and close() resolves', async () => {
    const url = await fakeBroker(() => {});
    const s = session(url);
    const opening = s.open().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.close();
    expect(await opening).toMatchObject({ kind: 'network' });
  });

  it('close() before open() does nothing', async () => {
    await expect(session('mqtt://127.0.0.1:1').close()).resolves.toBeUndefined();
  });
});

/**
 * Just enough of an MQTT 5 broker to script replies: CONNACK success, the n-th SUBSCRIBE answered
 * with the n-th reason code, then whatever `after` sends (mosquitto 2.0.11 sends no DISCONNECT
 * reason on a session takeover, so this is where 0x8E can be tested).
 */
function scriptedBroker(subackCodes: number[], after?: (socket: Socket) => void) {
  return fakeBroker((socket) => {
    let buffer = Buffer.alloc(0);
    let subscribes = 0;
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const packet = nextPacket(buffer);
        if (!packet) return;
        buffer = buffer.subarray(packet.size);
        const type = packet.header >> 4;
        if (type === 1) socket.write(Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]));
        if (type === 8) {
          const [high, low] = [packet.body[0]!, packet.body[1]!];
          const code = subackCodes[Math.min(subscribes++, subackCodes.length - 1)]!;
          const body = [high, low, 0x00, code];
          socket.write(Buffer.from([0x90, body.length, ...body]));
          after?.(socket);
        }
      }
    });
  });
}

/** One whole packet from the front of `buffer`: fixed header, variable-length size, body. */
function nextPacket(buffer: Buffer) {
  let length = 0;
  let multiplier = 1;
  for (let i = 1; i < 5 && i < buffer.length; i++) {
    const byte = buffer[i]!;
    length += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) {
      const start = i + 1;
      if (buffer.length < start + length) return undefined;
      return {
        header: buffer[0]!,
        body: buffer.subarray(start, start + length),
        size: start + length,
      };
    }
  }
  return undefined;
}

describe('DinoSession and the reasons a broker gives', () => {
  it('DISCONNECT 0x8E after online: lost, "session taken over", naming the client id', async () => {
    const url = await scriptedBroker([0x01], (socket) =>
      setTimeout(() => socket.end(Buffer.from([0xe0, 0x02, 0x8e, 0x00])), 20),
    );
    const lost: ConnectorError[] = [];
    const s = new DinoSession(
      {
        url,
        clientId: '1234_popp_0',
        sessionExpirySeconds: 60,
        subscriptions: [{ topic: 'dms/test/1', required: true }],
      },
      { message: () => {}, subscribed: () => {}, lost: (error) => lost.push(error) },
      silentLogger,
    );
    await s.open();
    await vi.waitFor(() => expect(lost).toHaveLength(1));
    expect(lost[0]).toMatchObject({
      kind: 'network',
      message: 'session taken over: another client connected with the client id 1234_popp_0',
    });
    await s.close();
  });

  it('SUBACK reasons per topic: a refused extra topic is reported, the own topic decides', async () => {
    const url = await scriptedBroker([0x01, 0x00, 0x87]);
    const results: SubscriptionResult[] = [];
    const s = new DinoSession(
      {
        url,
        clientId: 'x',
        sessionExpirySeconds: 60,
        subscriptions: [
          { topic: 'dms/test/1', required: true },
          { topic: 'dms/test/irc', required: false },
          { topic: 'dms/test/chatops', required: false },
        ],
      },
      { message: () => {}, subscribed: (r) => results.push(r), lost: () => {} },
      silentLogger,
    );
    await s.open();
    expect(results.map((r) => [r.topic, r.code])).toEqual([
      ['dms/test/1', 0x01],
      ['dms/test/irc', 0x00],
      ['dms/test/chatops', 0x87],
    ]);
    await s.close();
  });

  it('the own topic refused as an invalid filter: a settings problem', async () => {
    const url = await scriptedBroker([0x8f]);
    const s = session(url);
    await expect(s.open()).rejects.toMatchObject({
      kind: 'config',
      message: 'dms/test/1 refused: topic filter invalid',
    });
    await s.close();
  });
});

describe('the connector', () => {
  it('a password that cannot be read is a settings problem, not a network one', async () => {
    const account = dinoAccount.parse({
      id: 'dino',
      type: 'dino',
      broker: 'mqtt://127.0.0.1:1',
      userId: '1',
      auth: { username: '1', password: { env: 'NO_SUCH_VARIABLE' } },
    });
    const context: ConnectorContext = {
      emit: () => {},
      lost: () => {},
      detail: () => {},
      resolveSecret: () => Promise.reject(new Error('NO_SUCH_VARIABLE is not set')),
      log: silentLogger,
    };
    const connector = createDinoConnector(account, context);
    await expect(connector.connect()).rejects.toMatchObject({
      kind: 'config',
      message: 'cannot read the password: NO_SUCH_VARIABLE is not set',
    });
    await connector.close();
  });

  it('shows what the broker granted for each topic beside the status', async () => {
    const url = await scriptedBroker([0x01, 0x00]);
    const details: Record<string, string> = {};
    const account = dinoAccount.parse({
      id: 'dino',
      type: 'dino',
      broker: url,
      userId: '1',
      environment: 'test',
      topics: ['dms/test/irc'],
    });
    const connector = createDinoConnector(account, {
      emit: () => {},
      lost: () => {},
      detail: (key, value) => {
        details[key] = value;
      },
      resolveSecret: () => Promise.reject(new Error('no secrets here')),
      log: silentLogger,
    });
    await connector.connect();
    expect(details).toEqual({
      'dms/test/1': 'subscribed',
      'dms/test/irc': 'subscribed at QoS 0: events sent while offline are lost',
    });
    await connector.close();
  });
});
