import { request as plainRequest, type IncomingMessage } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { gunzipSync, inflateSync } from 'node:zlib';

/** What a caller reads of an answer: the part of `fetch`'s Response a REST client uses. */
export interface HttpAnswer {
  readonly status: number;
  /** 2xx. */
  readonly ok: boolean;
  readonly headers: { getSetCookie(): string[] };
  text(): Promise<string>;
  /** Rejects when the body is not JSON. */
  json(): Promise<unknown>;
}

export interface HttpRequestOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** For the whole exchange, the body included. */
  timeoutMs: number;
}

/**
 * The headers `fetch` sends of its own, sent here too so a server sees the same request (3D
 * Repo's REST ties a session to the User-Agent of its sign-in). No `accept-encoding`: the
 * answers are small JSON, and a decompressor per request is the memory this module saves.
 */
const FETCH_HEADERS = { 'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node' };

/**
 * One HTTP(S) request with node:http, answered with the whole body read, redirects not followed
 * (as `fetch` with `redirect: 'manual'`). Why not `fetch`: the process keeps RSS for every
 * request it made, long after the answers are read (undici in Node 24, outside the JS heap: 250
 * requests +28 MiB, 2,000 +78 MiB; node:http +5 and +23 MiB), and an idle 3D Repo account makes
 * one at every connect.
 * Fails as `fetch` does: a network error is the `cause` of the rejection, a timeout a
 * `TimeoutError`.
 */
export function httpRequest(url: URL, options: HttpRequestOptions): Promise<HttpAnswer> {
  const send = url.protocol === 'https:' ? tlsRequest : plainRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: options.method,
      headers: {
        ...FETCH_HEADERS,
        ...options.headers,
        ...(options.body !== undefined && {
          'content-length': String(Buffer.byteLength(options.body)),
        }),
      },
    });
    const timer = setTimeout(
      () =>
        request.destroy(
          new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
        ),
      options.timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(
        error instanceof DOMException ? error : new TypeError('fetch failed', { cause: error }),
      );
    };
    request.once('error', fail);
    request.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', fail);
      response.once('end', () => {
        clearTimeout(timer);
        let text: string;
        try {
          text = decoded(Buffer.concat(chunks), response.headers['content-encoding']);
        } catch (error) {
          reject(new TypeError('fetch failed', { cause: error }));
          return;
        }
        const status = response.statusCode ?? 0;
        const cookies = response.headers['set-cookie'] ?? [];
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: { getSetCookie: () => [...cookies] },
          text: () => Promise.resolve(text),
          json: () => new Promise((done) => done(JSON.parse(text) as unknown)),
        });
      });
    });
    request.end(options.body);
  });
}

/** A server may compress unasked; the body is read whole, so one call undoes it. */
function decoded(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(body).toString('utf8');
  return body.toString('utf8');
}
