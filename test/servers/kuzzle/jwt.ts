import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the server puts in its tokens, as Kuzzle does: the user id and the times. */
export interface TokenClaims {
  _id: string;
  iat: number;
  exp?: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/** An HS256 JWT encoded as jsonwebtoken encodes it (base64url, no padding). */
export function signJwt(claims: TokenClaims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body, secret)}`;
}

/** The claims of a token this server signed, or undefined for anything forged or garbled. */
export function verifyJwt(token: string, secret: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    return typeof claims._id === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}
