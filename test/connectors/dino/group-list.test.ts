// Dino's server has no list of groups: the picker gets the groups this connection has heard
// named (history adds the older ones), not one-to-one chats, over a real mosquitto.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { directMessage, relayedMessage } from './fixtures.js';
import { connectPublisher, type Publisher } from './publisher.js';

const USER = '1401';
const LUNCH = '7a0c1a8e-0000-4000-8000-00000000c401';
let broker: Mosquitto;
let publisher: Publisher;
let app: DinoApp | undefined;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  publisher = await connectPublisher(broker);
});
afterAll(async () => {
  await app?.stop();
  await publisher?.close();
  await broker?.dispose();
});

it('lists the groups heard named on this connection, not one-to-one chats', async () => {
  app = startDinoApp(makeDinoAccount(broker, USER));
  await app.waitForState('online');
  const topic = broker.topicFor(USER);
  await publisher.publish(
    topic,
    relayedMessage({ groupId: LUNCH, groupName: 'Lunch', sender: '2003', messageId: 'm1' }),
  );
  await publisher.publish(topic, directMessage({ sender: '2004', to: USER, messageId: 'm2' }));
  await app.waitForEvent((e) => e.room.id === LUNCH);
  await app.waitForEvent((e) => e.room.type === 'direct');
  const rooms = await app.supervisor.connector(app.account.id)!.listRooms!();
  expect(rooms).toEqual([{ id: LUNCH, name: 'Lunch', type: 'group' }]);
});
