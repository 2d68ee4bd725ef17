// An ntfy `http` button's request, sent to a real local HTTP server: what it sends, and how a
// server that never answers or a non-web address is said in words.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/core/log.js';
import { sendLinkRequest } from '../../app/core/link-request.js';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js';
import { roomNotification } from '../linux-notifications/sink-support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function receiver(statusFor?: (path: string) => number): Promise<HttpReceiver> {
  const made = await startHttpReceiver(statusFor);
  closers.push(() => made.close());
  return made;
}

const button = (url: string, method = 'POST') => ({
  label: 'Go',
  url,
  request: { method, headers: { 'X-Token': 'abc' }, body: 'payload' },
});

describe('sendLinkRequest', () => {
  it('sends the method, headers and body once; a GET carries no body', async () => {
    const server = await receiver();
    const n = roomNotification();
    expect(await sendLinkRequest(n, button(`${server.url}/a`), { log: silentLogger })).toEqual({
      ok: true,
      message: 'sent: 200 OK',
    });
    await sendLinkRequest(n, button(`${server.url}/b`, 'GET'), { log: silentLogger });
    expect(server.received.map((r) => [r.method, r.path, r.headers['x-token'], r.body])).toEqual([
      ['POST', '/a', 'abc', 'payload'],
      ['GET', '/b', 'abc', ''],
    ]);
  });

  it('does not follow a redirect elsewhere (the headers would go to a host nobody named)', async () => {
    const target = await receiver();
    const hop = createServer((_request, response) => {
      response.writeHead(302, { Location: `${target.url}/stolen` }).end();
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => hop.close(() => resolve())));
    const url = `http://127.0.0.1:${(hop.address() as AddressInfo).port}/`;
    const outcome = await sendLinkRequest(roomNotification(), button(url), { log: silentLogger });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toBe('failed: the server answered 302 Found');
    expect(target.received).toEqual([]);
  });

  it('a server that never answers is given up on, in words', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          silent.closeAllConnections();
          silent.close(() => resolve());
        }),
    );
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    expect(
      await sendLinkRequest(roomNotification(), button(url), { log: silentLogger, timeoutMs: 200 }),
    ).toEqual({ ok: false, message: 'failed: no answer within 0.2 s' });
  });

  it('refuses anything but http and https, sending nothing', async () => {
    expect(
      await sendLinkRequest(roomNotification(), button('ftp://files.example.com/x'), {
        log: silentLogger,
      }),
    ).toEqual({ ok: false, message: 'refused: links with ftp: are not opened' });
  });
});
