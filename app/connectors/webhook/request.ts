import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The largest request body an inbox reads: webhooks carry a message, not files. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_BODY_WORDS = '64 KB';
/** What is still read (and thrown away) of a body past the limit, so the sender sees the 413. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

export type Body = { ok: true; text: string } | { ok: false; reason: 'too large' | 'aborted' };

/**
 * The request's body as text, or `tooLarge` past MAX_BODY_BYTES. The rest of a large body is
 * read and dropped (up to a limit), since a sender still writing its body may not read an early
 * answer and would report a reset connection instead of the 413.
 */
export function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
    if (tooLarge) resolve({ ok: false, reason: 'too large' });
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) request.destroy();
      if (tooLarge) return;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        resolve({ ok: false, reason: 'too large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', () => {
      if (!tooLarge) resolve({ ok: false, reason: 'aborted' });
    });
  });
}

/** The token a sender gave outside the body: `Authorization: Bearer <token>` or `?token=`. */
export function tokenOutsideBody(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
  return bearer ?? url.searchParams.get('token') ?? undefined;
}

/** Compares without leaking, through timing, how much of a guess was right (or its length). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A JSON media type: `application/json`, `application/vnd.x+json`, with or without charset. */
export function isJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Whether the request names this machine in its Host header (`127.0.0.1:8787`, `localhost:8787`,
 * `[::1]:8787`). A web page whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name
 * there, so an open inbox can tell it from a local program.
 */
export function namesLoopback(request: IncomingMessage): boolean {
  const host = request.headers.host?.trim().toLowerCase() ?? '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name ?? '');
}
