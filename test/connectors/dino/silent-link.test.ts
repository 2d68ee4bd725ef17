// A link that stops forwarding (both sockets open, nothing gets through) is found by the MQTT
// keepalive and replaced, and the broker's session hands over what was sent meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_KEEPALIVE_SECONDS,
  silentLinkDeadlineMs,
} from '../../../app/connectors/dino/client.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { relayedMessage } from './fixtures.js';
import { connectPublisher } from './publisher.js';

const USER = '3001';
const GROUP = 'd4d4d4d4-0000-4000-8000-000000000004';

let broker: Mosquitto;
let proxy: SilentProxy;
let app: DinoApp | undefined;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  proxy = await startSilentProxy({ port: broker.port });
});

afterAll(async () => {
  await app?.stop();
  await proxy?.stop();
  await broker?.dispose();
});

async function publish(...texts: string[]): Promise<void> {
  const publisher = await connectPublisher(broker);
  try {
    for (const text of texts)
      await publisher.publish(
        broker.topicFor(USER),
        relayedMessage({
          groupId: GROUP,
          sender: '42',
          senderName: 'alice',
          messageId: text,
          text,
        }),
      );
  } finally {
    await publisher.close();
  }
}

describe('a Dino link that goes silent', () => {
  it('is found by the keepalive, replaced, and nothing sent meanwhile is lost or doubled', async () => {
    app = startDinoApp(makeDinoAccount(broker, USER, { broker: proxy.via(broker.url) }), {
      backoff: { initialMs: 50, minMs: 20, maxMs: 200 },
      settings: { coalesceMs: 0 },
      // One second instead of the app's 15 s: the same mqtt.js keepalive, sooner.
      connector: { keepaliveSeconds: 1 },
    });
    await app.waitForState('online');
    await publish('before');
    await app.waitForEmitted(1);

    proxy.silence();
    await publish('during 1', 'during 2');

    await app.waitFor(() => expect(app!.connects()).toBe(2), 10_000);
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        message: 'connection lost',
        fields: expect.objectContaining({
          error: 'connection lost: the broker stopped answering pings',
        }),
      }),
    );
    await app.waitForState('online');
    await app.waitForEmitted(3);
    await publish('after');
    await app.waitForSeen(4);
    // QoS 1 is at least once: when the silence swallowed the PUBACK of 'before', the broker
    // hands it over again on the new session. The user must still see each message once.
    const ids = app.emitted.map((e) => e.id);
    expect([...new Set(ids)]).toEqual(['before', 'during 1', 'during 2', 'after']);
    expect(ids.filter((id) => id !== 'before')).toEqual(['during 1', 'during 2', 'after']);
    expect(app.seen()).toEqual([
      expect.stringContaining('before'),
      expect.stringContaining('during 1'),
      expect.stringContaining('during 2'),
      expect.stringContaining('after'),
    ]);
  });

  it('the app keeps alive every 15 s, so a silent link is found within 30 s', () => {
    expect(DEFAULT_KEEPALIVE_SECONDS).toBe(15);
    expect(silentLinkDeadlineMs(DEFAULT_KEEPALIVE_SECONDS)).toBeLessThanOrEqual(30_000);
  });
});
