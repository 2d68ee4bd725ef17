// The REST requests of the 3D Repo connector go through node:http instead of fetch (fetch keeps
// memory per request): a server must see the same request, and the caller the same answers and
// failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest } from '../../../app/connectors/shared/http-request.js';

let server: Server | undefined;

async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  server = createServer(handle);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

describe('httpRequest', () => {
  it('sends what fetch sends, but for the encodings it accepts', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const base = await serve((request, response) => {
      const { host: _host, connection: _c, 'accept-encoding': _e, ...rest } = request.headers;
      seen.push({ method: request.method, url: request.url, ...(rest as Record<string, string>) });
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.end(JSON.stringify({ body })));
    });
    const headers = { accept: 'application/json', 'content-type': 'application/json' };
    const body = JSON.stringify({ user: 'ana', password: 'pé' });
    const viaFetch = await fetch(`${base}/v5/login`, { method: 'POST', headers, body });
    const ours = await httpRequest(new URL(`${base}/v5/login`), {
      method: 'POST',
      headers,
      body,
      timeoutMs: 5_000,
    });
    expect(await ours.json()).toEqual(await viaFetch.json());
    expect(seen[1]).toEqual(seen[0]);
  });

  it('answers with the status, every Set-Cookie, and redirects not followed', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(302, {
        location: '/elsewhere',
        'set-cookie': ['connect.sid=s%3Aabc; HttpOnly', 'csrf_token=xyz'],
      });
      response.end('moved');
    });
    const answer = await httpRequest(new URL(`${base}/v5/login`), {
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
    });
    expect(answer.status).toBe(302);
    expect(answer.ok).toBe(false);
    expect(answer.headers.getSetCookie()).toEqual([
      'connect.sid=s%3Aabc; HttpOnly',
      'csrf_token=xyz',
    ]);
    expect(await answer.text()).toBe('moved');
    await expect(answer.json()).rejects.toThrow(SyntaxError);
  });

  it('reads a body the server compressed unasked', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync('{"username":"ana"}'));
    });
    const answer = await httpRequest(new URL(`${base}/v5/login`), {
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
    });
    expect(await answer.json()).toEqual({ username: 'ana' });
  });

  it('fails as fetch does when nobody listens', async () => {
    const base = await serve(() => {});
    const url = new URL(`${base}/v5/login`);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error: unknown = await httpRequest(url, {
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it('gives up with a TimeoutError when the body stalls', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200);
      response.write('{"user');
    });
    const error = await httpRequest(new URL(`${base}/v5/login`), {
      method: 'GET',
      headers: {},
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(String(error)).toBe('TimeoutError: The operation was aborted due to timeout');
  });
});
