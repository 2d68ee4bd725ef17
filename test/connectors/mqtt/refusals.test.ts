// Topic filters the broker refuses (mosquitto's dynamic-security plugin answers a forbidden
// SUBSCRIBE with 0x87, as VerneMQ and HiveMQ do): some refused are said beside the status, all
// refused is a sign-in failure, since nothing would ever arrive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttAccount } from '../../../app/core/settings/accounts.js';
import type { ConnectorApp } from '../../support/connector-app.js';
import { ManualClock } from '../../support/manual-clock.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeMqttAccount, startMqttApp, USER } from './mqtt-app.js';

let broker: Mosquitto;
const apps: ConnectorApp<MqttAccount>[] = [];

beforeAll(async () => {
  // USER may read dms/test/<USER> only.
  broker = await startMosquitto({ users: [USER], access: 'subscribe' });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await broker?.dispose();
});

function start(account: MqttAccount, clock?: ManualClock) {
  const app = startMqttApp(account, clock ? { clock } : {});
  apps.push(app);
  return app;
}

it('some filters refused: online, each refusal beside the status', async () => {
  const own = broker.topicFor(USER);
  const app = start(makeMqttAccount(broker, { topics: [own, 'home/#'] }));
  const status = await app.waitForState('online');
  expect(status.details).toMatchObject({
    [own]: 'subscribed',
    'home/#': 'refused: not authorized',
  });
});

it('every filter refused: a sign-in failure, not retried', async () => {
  const clock = new ManualClock(Date.now());
  const app = start(makeMqttAccount(broker, { topics: ['home/#', 'sensors/#'] }), clock);
  const status = await app.waitForState('auth-failed');
  expect(status.reason).toBe('not authorized to read home/#');
  clock.advance(60 * 60 * 1000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(app.connects()).toBe(1);
});
