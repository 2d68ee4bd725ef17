// The headless CLI runs the two inbox-like sources from its settings file: a webhook inbox that a
// real HTTP client posts to, and an MQTT topic on a real mosquitto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import type { Mosquitto } from '../support/mosquitto.js';
import { connectPublisher, startHomeBroker, USER } from '../connectors/mqtt/mqtt-app.js';
import { sendMessagePayload } from '../connectors/webhook/rocketchat-payloads.js';
import { post } from '../connectors/webhook/webhook-app.js';

let broker: Mosquitto;
let config: CliConfig;

beforeAll(async () => {
  broker = await startHomeBroker();
  config = await writeCliConfig('inbox', {
    accounts: [
      {
        id: 'hooks',
        type: 'webhook',
        listen: '127.0.0.1:0',
        token: { env: 'HOOK_TOKEN' },
        format: 'rocketchat',
      },
      {
        id: 'sensors',
        type: 'mqtt',
        broker: broker.url,
        topics: ['home/+/alarm'],
        auth: { username: USER, password: { env: 'SENSORS_PASSWORD' } },
        title: '{{payload.room}}',
        body: '{{payload.message}}',
      },
    ],
  });
});

afterAll(async () => {
  await config?.remove();
  await broker?.dispose();
});

describe('headless CLI with a webhook inbox and an MQTT topic', () => {
  it('prints what is posted and what is published as notification lines', async () => {
    const cli = new CliProcess(['--config', config.path], {
      ...process.env,
      HOOK_TOKEN: 'hook-secret',
      SENSORS_PASSWORD: `secret-${USER}`,
    });
    try {
      const hooks = await cli.waitForStatus('hooks', 'online');
      await cli.waitForStatus('sensors', 'online');
      const url = (hooks.details as Record<string, string>).listening!;
      const response = await post(
        url,
        sendMessagePayload({ token: 'hook-secret', siteUrl: undefined }),
      );
      expect(response.status).toBe(200);
      const publisher = await connectPublisher(broker);
      await publisher.publish('home/cellar/alarm', { room: 'Cellar', message: 'water' });
      await publisher.close();

      await cli.waitForLine((l) => l.type === 'notification' && l.account === 'sensors');
      await cli.waitForLine((l) => l.type === 'notification' && l.account === 'hooks');
      const notifications = cli.lines().filter((l) => l.type === 'notification');
      expect(notifications).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            account: 'hooks',
            title: 'alice in #general',
            body: 'deploy now',
          }),
          expect.objectContaining({
            account: 'sensors',
            room: 'home/+/alarm',
            title: 'Cellar',
            body: 'water',
          }),
        ]),
      );
      expect(cli.stdout).not.toContain('hook-secret');
    } finally {
      cli.kill('SIGTERM');
      expect((await cli.exit()).code).toBe(0);
    }
  });
});
