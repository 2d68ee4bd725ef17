// Oversized and malformed payloads from a real mosquitto: the big one never reaches the app's
// memory (the broker holds it back, MQTT 5 maximum packet size), the link stays, and what
// follows arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { directMessage } from './fixtures.js';
import { connectPublisher, type Publisher } from './publisher.js';

const USER = '3001';

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

describe('Dino frames over the limit and malformed', () => {
  it('a 5 MB message is not delivered; the connection stays and the next message shows', async () => {
    app = startDinoApp(makeDinoAccount(broker, USER));
    await app.waitForState('online');
    const topic = broker.topicFor(USER);
    const message = (id: string, text: string) =>
      directMessage({ sender: '42', senderName: 'bob', to: USER, messageId: id, text });
    await publisher.publish(topic, message('big', 'x'.repeat(5 * 1024 * 1024)));
    await publisher.publish(topic, 'not json');
    await publisher.publish(topic, message('after', 'after the big one'));
    await app.waitForEvent((event) => event.id === 'after');
    expect(app.emitted.map((event) => event.id)).not.toContain('big');
    expect(app.emitted.some((event) => event.historyOnly === 'payload is not JSON')).toBe(true);
    expect(app.connects()).toBe(1);
    expect(app.status().state).toBe('online');
  });
});
