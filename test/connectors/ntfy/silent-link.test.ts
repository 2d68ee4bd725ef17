// A link that stops forwarding (both sockets open, nothing gets through) is found and replaced:
// on the WebSocket by our pings going unanswered, on the JSON stream by ntfy's keepalive events
// stopping. The new subscription asks for what was missed since the last message seen.
import { afterEach, describe, expect, it } from 'vitest';
import { NTFY_DEFAULTS } from '../../../app/connectors/ntfy/connector.js';
import { silenceDeadlineMs } from '../../../app/connectors/shared/silence-watch.js';
import { startNtfyServer, type NtfyTestServer } from '../../servers/ntfy/server.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import { makeNtfyAccount, startNtfyApp, type NtfyApp } from './ntfy-app.js';

let server: NtfyTestServer | undefined;
let proxy: SilentProxy | undefined;
let app: NtfyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  await server?.stop();
  app = proxy = server = undefined;
});

it('the app finds a silent link within 60 s', () => {
  expect(silenceDeadlineMs(NTFY_DEFAULTS.keepAliveMs)).toBeLessThanOrEqual(60_000);
});

describe.each([
  ['WebSocket', false],
  ['JSON stream', true],
])('a silent link on the %s', (_, json) => {
  it('is found and replaced, and what came meanwhile is caught up', async () => {
    // ntfy's keepalive every 100 ms on HTTP streams (45 s by default); our watch at 300 ms.
    server = await startNtfyServer({ keepaliveMs: 100 });
    server.refuseWebSockets(json);
    proxy = await startSilentProxy({ port: server.port });
    const account = makeNtfyAccount(proxy.via(server.url));
    app = startNtfyApp(account, { tuning: { keepAliveMs: 300 } });
    await app.waitForState('online');
    const before = server.publish('ci', { message: 'before' });
    await app.waitForSeen(1);

    proxy.silence();
    const during = server.publish('ci', { message: 'while silent' });
    await app.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
    await app.waitForState('online');
    const lost = app.statuses.find((s) => s.state === 'reconnecting');
    expect(lost?.reason).toMatch(/^ntfy sent nothing for \d+ s/);
    await app.waitFor(() => expect(app!.seen()).toEqual(['ci — before', 'ci — while silent']));
    expect(server.subscriptions.at(-1)!.query).toMatchObject({ since: before.id });
    expect(app.emitted.filter((e) => e.id === during.id).length).toBeGreaterThanOrEqual(1);
  });
});
