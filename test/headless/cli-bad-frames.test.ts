// Fault tests through the CLI as a user runs it: 5 MB and malformed frames from each protocol's
// server. The CLI keeps running, says so once (one log line, a count in the status details) and
// loses nothing that followed.
import { afterEach, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startMosquitto } from '../support/mosquitto.js';
import { startKuzzleServer } from '../servers/kuzzle/server.js';
import { startRocketChatServer } from '../servers/rocketchat/server.js';
import { startThreeDRepoServer } from '../servers/3drepo/server.js';
import { connectPublisher } from '../connectors/dino/publisher.js';
import { directMessage } from '../connectors/dino/fixtures.js';
import { ALICE, TOWER, TOWER_ROOM, WORLD } from '../connectors/3drepo/world.js';

const FIVE_MB = 'x'.repeat(5 * 1024 * 1024);
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const CLOSED =
  'the last one closed the connection (the library cannot refuse a frame otherwise); reconnected at once';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startCli(name: string, account: Record<string, unknown>): Promise<CliProcess> {
  const config: CliConfig = await writeCliConfig(name, {
    accounts: [account],
    notifications: { coalesceMs: 0 },
  });
  cleanup.push(() => config.remove());
  const cli = new CliProcess(['--config', config.path]);
  cleanup.push(async () => {
    cli.kill('SIGTERM');
    expect((await cli.exit()).code).toBe(0);
  });
  await cli.waitForStatus(String(account.id), 'online');
  return cli;
}

const notifications = (cli: CliProcess) => cli.lines().filter((l) => l.type === 'notification');

/** The status details the CLI last printed for the account. */
function lastDetails(cli: CliProcess, account: string): Record<string, string> | undefined {
  const statuses = cli.lines().filter((l) => l.type === 'status' && l.account === account);
  return statuses.at(-1)?.details as Record<string, string> | undefined;
}

function onlineAfterReconnect(cli: CliProcess, account: string): boolean {
  const states = cli
    .lines()
    .filter((l) => l.type === 'status' && l.account === account)
    .map((l) => l.state);
  return (
    states.lastIndexOf('online') > states.indexOf('reconnecting') && states.includes('reconnecting')
  );
}

function logLines(cli: CliProcess, text: string): number {
  return cli.stderr.split('\n').filter((line) => line.includes(text)).length;
}

describe('headless CLI: bad frames from each protocol', () => {
  it('Kuzzle over WebSocket: malformed and 5 MB frames', async () => {
    const server = await startKuzzleServer({
      users: { alice: 'wonderland' },
      maxRequestSize: 8 * 1024 * 1024,
    });
    cleanup.push(() => server.stop());
    const cli = await startCli('kuzzle-frames', {
      id: 'orders',
      type: 'kuzzle',
      server: server.url,
      transport: 'websocket',
      auth: { username: 'alice', password: 'wonderland' },
      subscriptions: [{ index: 'shop', collection: 'orders', title: '{{_source.customer}}' }],
    });
    server.sendRaw('{"room": "unterminated');
    server.sendRaw(`{"room":"x","deep":${DEEP}}`);
    server.sendRaw(JSON.stringify({ room: 'x', pad: FIVE_MB }));
    await cli.waitFor(
      () => lastDetails(cli, 'orders')?.['refused frames']?.includes(CLOSED) === true,
    );
    // Online again after the reconnect: signed in and subscribed anew.
    await cli.waitFor(() => onlineAfterReconnect(cli, 'orders'));
    server.publish('shop', 'orders', { customer: 'after the bad frames' });
    await cli.waitFor(() => notifications(cli).length === 1);
    expect(notifications(cli)[0]).toMatchObject({ title: 'after the bad frames' });
    expect(lastDetails(cli, 'orders')?.['refused frames']).toBe(
      `1 malformed, 1 nested too deep, 1 too large; ${CLOSED}`,
    );
    expect(logLines(cli, 'Kuzzle frames refused')).toBe(1);
  });

  it('Rocket.Chat: malformed and 5 MB frames', async () => {
    const server = await startRocketChatServer({ greeting: 'server_id' });
    cleanup.push(() => server.close());
    server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
    server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
    server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
    const cli = await startCli('rocketchat-frames', {
      id: 'work',
      type: 'rocketchat',
      server: server.url,
      auth: { username: 'alice', password: 'alice-secret' },
    });
    server.sendRaw('alice', '{"msg": "changed", ');
    server.sendRaw('alice', `{"msg":"changed","deep":${DEEP}}`);
    server.sendRaw('alice', JSON.stringify({ msg: 'changed', pad: FIVE_MB }));
    server.post('bob', 'GENERAL', 'sent while the link was cut');
    await cli.waitFor(() => notifications(cli).length === 1);
    expect(notifications(cli)[0]).toMatchObject({ body: 'sent while the link was cut' });
    expect(lastDetails(cli, 'work')?.['refused frames']).toBe(
      `1 malformed, 1 nested too deep, 1 too large; ${CLOSED}`,
    );
    expect(logLines(cli, 'Rocket.Chat frames refused')).toBe(1);
  });

  it('Dino over a real mosquitto: malformed, deep and 5 MB messages', async () => {
    const user = '5151';
    const broker = await startMosquitto({ users: [user] });
    cleanup.push(() => broker.dispose());
    const publisher = await connectPublisher(broker);
    cleanup.push(() => publisher.close());
    const cli = await startCli('dino-frames', {
      id: 'community',
      type: 'dino',
      broker: broker.url,
      userId: user,
      topic: broker.topicFor(user),
      auth: { username: user, password: broker.passwordFor(user) },
    });
    const topic = broker.topicFor(user);
    const message = (id: string, text: string) =>
      directMessage({ sender: '42', senderName: 'bob', to: user, messageId: id, text });
    await publisher.publish(topic, 'not json');
    await publisher.publish(topic, `{"event_type":"message","x":${DEEP}}`);
    await publisher.publish(topic, message('big', FIVE_MB));
    await publisher.publish(topic, message('after', 'after the bad ones'));
    await cli.waitFor(() => notifications(cli).some((n) => n.id === 'after'));
    // The broker never sends the 5 MB one (MQTT 5 maximum packet size); the link stays up.
    expect(notifications(cli).map((n) => n.id)).toEqual(['after']);
    expect(cli.lines().filter((l) => l.state === 'reconnecting')).toEqual([]);
    // Both unreadable ones are in history, said once on stderr and counted beside the status.
    expect(logLines(cli, 'Dino events kept in history only')).toBe(1);
    await cli.waitFor(
      () =>
        lastDetails(cli, 'community')?.['unreadable events'] === '1 malformed, 1 nested too deep',
    );
  });

  it('3D Repo over socket.io 4: a 5 MB event', async () => {
    const server = await startThreeDRepoServer(WORLD);
    cleanup.push(() => server.stop());
    const cli = await startCli('3drepo-frames', {
      id: 'models',
      type: '3drepo',
      server: server.url,
      chat: { url: server.url, path: server.chatPath },
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    });
    server.emitModelEvent(TOWER, 'modelStatusChanged', { pad: FIVE_MB });
    await cli.waitForLine(
      (l) =>
        l.type === 'status' && l.reason === '3D Repo sent a frame over 4 MB; reconnecting at once',
    );
    await cli.waitFor(() => onlineAfterReconnect(cli, 'models'));
    server.script.newRevision(TOWER, { tag: 'v9', author: 'bob' });
    await cli.waitFor(() => notifications(cli).length === 1);
    expect(notifications(cli)[0]).toMatchObject({ kind: 'model-revision-added' });
  });
});
