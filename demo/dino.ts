// Dino's part of the demo: a real mosquitto shaped like Dino's broker, and the community
// backend's relayed messages in a group chat and a one-to-one conversation.
import { connectAsync } from 'mqtt';
import { dinoAccount } from '../app/core/settings/accounts.js';
import { directMessage, relayedMessage } from '../test/connectors/dino/fixtures.js';
import { startMosquitto } from '../test/support/mosquitto.js';
import { pause, type DemoSource } from './source.js';

const ME = '1001';
const HIKING = '6f1d2c3b-0a4e-4b8f-9c7d-2e5a1b3c4d5e';

export async function startDinoDemo(): Promise<DemoSource> {
  const broker = await startMosquitto({ users: [ME] });
  const publisher = await connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `demo-dino-publisher-${process.pid}`,
    username: broker.publisher.username,
    password: broker.publisher.password,
    reconnectPeriod: 0,
  });
  const publish = (payload: object) =>
    publisher.publishAsync(broker.topicFor(ME), JSON.stringify(payload), { qos: 1 });
  let round = 0;
  return {
    name: 'Dino',
    account: dinoAccount.parse({
      id: 'demo-dino',
      name: 'Dino community',
      type: 'dino',
      broker: broker.url,
      userId: ME,
      environment: 'test',
      auth: { username: ME, password: broker.passwordFor(ME) },
      link: 'https://community.example.com/messages/{group_id}?m={message_id}',
    }),
    async play() {
      round++;
      const group = (sender: string, senderName: string, text: string, n: number) =>
        relayedMessage({
          groupId: HIKING,
          groupName: 'Weekend hiking',
          sender,
          senderName,
          messageId: `demo-hiking-${round}-${n}`,
          text,
        });
      await publish(group('2002', 'maria', 'Who is in for the ridge trail on Saturday?', 1));
      await pause(1500);
      await publish(group('2003', 'tom', 'Me! Leaving at 7 from the station.', 2));
      await pause(1500);
      await publish(
        directMessage({
          sender: '2002',
          senderName: 'maria',
          to: ME,
          messageId: `demo-dm-${round}`,
          text: 'Can you bring the map? I lost mine 🙈',
        }),
      );
    },
    async stop() {
      await publisher.endAsync();
      await broker.dispose();
    },
  };
}
