import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useDinoCli } from '../support/dino-cli-fixture.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { connectPublisher } from '../connectors/dino/publisher.js';
import { directMessage, relayedMessage } from '../connectors/dino/fixtures.js';

const USER = '1234';
const GROUP = '8f1c5a70-1b1e-4a59-9c41-5d0e0c6b2f10';

const dino = useDinoCli('dino', USER, {
  passwordEnv: 'DINO_PASSWORD',
  link: 'https://community.example.com/messages/{group_id}',
  notifications: { coalesceMs: 300 },
});
let daemon: NotificationDaemon;

beforeAll(async () => {
  daemon = await startNotificationDaemon();
});

afterAll(async () => {
  await daemon?.stop();
});

describe('headless CLI with a Dino account against a real mosquitto', () => {
  it('prints status and notification lines, and shows them on the desktop (--notify-send, over D-Bus)', async () => {
    const env = { ...daemon.env, DINO_PASSWORD: dino.broker.passwordFor(USER) };
    const cli = new CliProcess(['--config', dino.config.path, '--notify-send'], env);
    try {
      await cli.waitForStatus('community', 'online');
      await dino.publish(
        relayedMessage({
          groupId: GROUP,
          groupName: 'Climbing club',
          sender: '5678',
          senderName: 'alice',
          messageId: 'm-1',
          text: 'rope check at 6?',
        }),
      );
      const notification = await cli.waitForLine((l) => l.type === 'notification');
      expect(notification).toMatchObject({
        type: 'notification',
        account: 'community',
        kind: 'message-sent',
        room: GROUP,
        body: 'rope check at 6?',
        url: `https://community.example.com/messages/${GROUP}`,
        id: 'm-1',
      });
      expect(String(notification.title)).toContain('alice');

      const raised = await daemon.waitFor((n) => n.body === 'rope check at 6?', 10_000);
      expect(raised.appName).toBe('Tidings');
      expect(raised.summary).toBe(notification.title);

      // A direct message counts as a mention: critical urgency on the desktop.
      await dino.publish(
        directMessage({
          sender: '5678',
          senderName: 'alice',
          to: USER,
          messageId: 'm-2',
          text: 'hi you',
        }),
      );
      const direct = await daemon.waitFor((n) => n.body === 'hi you', 10_000);
      expect(direct.urgency).toBe('critical');
    } finally {
      cli.kill('SIGTERM');
    }
    const { code } = await cli.exit();
    expect(code).toBe(0);
    // stdout is JSON lines and nothing else.
    expect(() => cli.lines()).not.toThrow();
  });

  it('says auth-failed with the reason for a wrong password, and does not retry', async () => {
    const cli = new CliProcess(['--config', dino.config.path], {
      ...process.env,
      DINO_PASSWORD: 'wrong',
    });
    try {
      const failed = await cli.waitForStatus('community', 'auth-failed');
      expect(String(failed.reason)).toMatch(/not authorized|bad user name or password/);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(cli.lines().filter((l) => l.state === 'connecting')).toHaveLength(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });

  it('a broker restart: what was sent while the CLI was away arrives once each', async () => {
    const env = { ...process.env, DINO_PASSWORD: dino.broker.passwordFor(USER) };
    const cli = new CliProcess(['--config', dino.config.path], env);
    try {
      await cli.waitForStatus('community', 'online');
      await dino.broker.stop();
      await cli.waitForStatus('community', 'reconnecting');
      await dino.broker.start();
      // Published the moment the broker is back, before the CLI's next try: kept for its session.
      const sender = await connectPublisher(dino.broker);
      const ids = Array.from({ length: 6 }, (_, i) => `outage-${i}`);
      try {
        for (const [i, id] of ids.entries())
          await sender.publish(
            dino.broker.topicFor(USER),
            relayedMessage({
              groupId: `8f1c5a70-1b1e-4a59-9c41-5d0e0c6b2f1${i}`,
              sender: '5678',
              senderName: 'alice',
              messageId: id,
              text: `while away ${i}`,
            }),
          );
      } finally {
        await sender.close();
      }
      const outage = (l: Record<string, unknown>) =>
        l.type === 'notification' && String(l.id).startsWith('outage-');
      await cli.waitFor((c) => c.lines().filter(outage).length >= 6, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(
        cli
          .lines()
          .filter(outage)
          .map((l) => l.id)
          .sort(),
      ).toEqual(ids);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
