// The inbox's "connection" is its listener: online once bound, shared by the accounts that name
// the same address, and a port another program holds is said in words and tried again.
import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { webhookConnector } from '../../../app/connectors/webhook/connector.js';
import { HookListeners } from '../../../app/connectors/webhook/listeners.js';
import { webhookAccount, type WebhookAccount } from '../../../app/core/settings/accounts.js';
import { ManualClock } from '../../support/manual-clock.js';
import { makeWebhookAccount, post, startWebhookApp, type WebhookApp } from './webhook-app.js';

const apps: WebhookApp[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A port some other program holds on loopback. */
async function takenPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A port free a moment ago: the kernel's pick, released. */
async function freePort(): Promise<number> {
  const port = await takenPort();
  const server = servers.pop();
  await new Promise((resolve) => server?.close(resolve));
  return port;
}

/** The window's "Test connection": a throwaway connector for the account, events dropped. */
function testConnector(listeners: HookListeners, account: WebhookAccount) {
  return webhookConnector({ listeners })(account, {
    emit: () => {},
    lost: () => {},
    detail: () => {},
    resolveSecret: (secret) => Promise.resolve(String(secret)),
    log: { debug() {}, info() {}, warn() {}, error() {} },
    probe: true,
  });
}

function start(...args: Parameters<typeof startWebhookApp>) {
  const app = startWebhookApp(...args);
  apps.push(app);
  return app;
}

it('two inboxes share one address, each on its own path', async () => {
  const listen = `127.0.0.1:${await freePort()}`;
  const listeners = new HookListeners();
  const ci = start(makeWebhookAccount({ id: 'ci', listen }), { listeners });
  const chat = start(makeWebhookAccount({ id: 'chat', listen, format: 'rocketchat' }), {
    listeners,
  });
  await ci.waitForState('online');
  await chat.waitForState('online');
  expect(ci.url()).toBe(`http://${listen}/hooks/ci`);
  expect(chat.url()).toBe(`http://${listen}/hooks/chat`);

  expect((await post(ci.url(), { message: 'build failed' })).status).toBe(200);
  expect((await post(chat.url(), { text: 'hi', message_id: 'm1', user_name: 'al' })).status).toBe(
    200,
  );
  expect(ci.emitted.map((event) => event.body)).toEqual(['build failed']);
  expect(chat.emitted.map((event) => event.body)).toEqual(['hi']);

  // The listener stays while one inbox still uses it, and closes with the last.
  await ci.stop();
  apps.shift();
  expect((await post(`http://${listen}/hooks/ci`, {})).status).toBe(404);
  expect((await post(chat.url(), { text: 'still here', message_id: 'm2' })).status).toBe(200);
  const url = chat.url();
  await chat.stop();
  apps.shift();
  await expect(post(url, {})).rejects.toThrow();
});

it('a port in use by another program is a clear error, tried again until it is free', async () => {
  const port = await takenPort();
  const clock = new ManualClock(Date.now());
  const backoff = { initialMs: 20, minMs: 10, maxMs: 40 };
  const app = start(makeWebhookAccount({ listen: `127.0.0.1:${port}` }), { clock, backoff });
  const status = await app.waitForState('reconnecting');
  expect(status.reason).toBe(`127.0.0.1:${port} is in use by another program`);

  const other = servers.pop();
  await new Promise((resolve) => other?.close(resolve));
  clock.advance(backoff.maxMs);
  await app.waitForState('online');
  expect((await post(app.url(), { message: 'in' })).status).toBe(200);
});

it('listening beyond loopback needs a token, said in words', () => {
  const result = webhookAccount.safeParse({ id: 'open', type: 'webhook', listen: '0.0.0.0:8787' });
  expect(result.success).toBe(false);
  expect(result.error?.issues).toMatchObject([
    {
      path: ['token'],
      message:
        'expected a token: listening on 0.0.0.0:8787 lets other machines in, so senders must prove who they are',
    },
  ]);
  expect(
    webhookAccount.safeParse({ id: 'ok', type: 'webhook', listen: '0.0.0.0:8787', token: 't' })
      .success,
  ).toBe(true);
  expect(
    webhookAccount.safeParse({ id: 'name', type: 'webhook', listen: 'example.com:80' }).error
      ?.issues[0]?.message,
  ).toBe(
    'expected an address and port such as 127.0.0.1:8787 or [::1]:8787: "example.com" is not an IP address',
  );
  // Loopback, written any way, needs none.
  for (const listen of ['127.0.0.1:8787', 'localhost:8787', '[::1]:8787', undefined])
    expect(webhookAccount.safeParse({ id: 'x', type: 'webhook', listen }).success).toBe(true);
});

it('"Test connection" on a running inbox leaves its requests with the running one', async () => {
  const listen = `127.0.0.1:${await freePort()}`;
  const listeners = new HookListeners();
  const account = makeWebhookAccount({ id: 'live', listen });
  const app = start(account, { listeners });
  await app.waitForState('online');
  // The window's test: a throwaway connector for the same account, connected and closed.
  const probe = testConnector(listeners, account);
  await probe.connect();
  expect((await post(app.url(), { message: 'during the test' })).status).toBe(200);
  await probe.close();
  expect((await post(app.url(), { message: 'after the test' })).status).toBe(200);
  expect(app.emitted.map((event) => event.body)).toEqual(['during the test', 'after the test']);
});

it('a path that is not even a URL is 404, and the inbox goes on', async () => {
  const app = start(makeWebhookAccount());
  await app.waitForState('online');
  const { origin } = new URL(app.url());
  expect((await post(`${origin}/hooks/%E0%A4%A`, {})).status).toBe(404);
  expect((await post(app.url(), { message: 'fine' })).status).toBe(200);
});

it('"Test connection" on an inbox that is not running answers no sender, and yields to it', async () => {
  const listen = `127.0.0.1:${await freePort()}`;
  const listeners = new HookListeners();
  const account = makeWebhookAccount({ id: 'paused', listen });
  const probe = testConnector(listeners, account);
  await probe.connect();
  const url = `http://${listen}/hooks/paused`;
  // The probe drops what it receives: a 200 would tell the sender it was kept.
  expect((await post(url, { message: 'while only the test listens' })).status).toBe(404);
  // The inbox starts while the test still holds the listener: its requests are its own.
  const app = start(account, { listeners });
  await app.waitForState('online');
  expect((await post(url, { message: 'to the running inbox' })).status).toBe(200);
  await probe.close();
  expect((await post(url, { message: 'after the test' })).status).toBe(200);
  expect(app.emitted.map((event) => event.body)).toEqual([
    'to the running inbox',
    'after the test',
  ]);
});
