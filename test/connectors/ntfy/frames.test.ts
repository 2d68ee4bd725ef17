// Frames the account cannot use: not JSON, not an ntfy event, too large. Each is dropped with a
// log line and counted beside the status; the messages around them still show.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../app/connectors/shared/frame-limit.js';
import { startNtfyServer, type NtfyTestServer } from '../../servers/ntfy/server.js';
import { makeNtfyAccount, startNtfyApp, type NtfyApp } from './ntfy-app.js';

let server: NtfyTestServer | undefined;
let app: NtfyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

function refusedLog(app: NtfyApp) {
  return app.logs.find((l) => l.level === 'warn' && l.message === 'ntfy frames refused');
}

describe.each([
  ['WebSocket', false],
  ['JSON stream', true],
])('over the %s', (_, json) => {
  it('malformed frames are dropped with a log line', async () => {
    server = await startNtfyServer();
    server.refuseWebSockets(json);
    app = startNtfyApp(makeNtfyAccount(server.url));
    await app.waitForState('online');
    server.sendRaw('{"id": "abc", "event": "message", "topic": "ci", "message": "cut');
    server.sendRaw('["not", "an", "event"]');
    server.publish('ci', { message: 'still here' });
    expect(await app.waitForSeen(1)).toEqual(['ci — still here']);
    await app.waitFor(() => expect(refusedLog(app!)?.fields).toMatchObject({ count: 1 }));
    await app.waitFor(() =>
      expect(app!.status().details).toMatchObject({ 'refused frames': '2 malformed' }),
    );
  });

  it('an oversized frame is dropped with a log line, and nothing after it is lost', async () => {
    server = await startNtfyServer();
    server.refuseWebSockets(json);
    const account = makeNtfyAccount(server.url);
    app = startNtfyApp(account);
    await app.waitForState('online');
    server.sendRaw(
      JSON.stringify({
        id: 'Big000000001',
        time: 1,
        event: 'message',
        topic: 'ci',
        message: 'x'.repeat(MAX_FRAME_BYTES + 10),
      }),
    );
    server.publish('ci', { message: 'after the big one' });
    await app.waitFor(() => expect(app!.seen()).toEqual(['ci — after the big one']));
    expect(refusedLog(app)?.fields).toMatchObject({ last: { kind: 'too large' } });
    expect(app.status().details?.['refused frames']).toMatch(/^1 too large/);
    expect(app.pipeline.history.list({ account: account.id })).toHaveLength(1);
  });
});
