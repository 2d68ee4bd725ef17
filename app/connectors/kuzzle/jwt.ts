/** What the client needs from its token: whose it is and when it runs out. */
export interface TokenInfo {
  kuid?: string;
  /** Epoch ms; undefined for API keys and tokens without `exp`. */
  expiresAt?: number;
}

/**
 * Reads a Kuzzle token's claims without verifying them (only the server can). JWTs are
 * base64url; the official SDK's decoder only knows plain base64 and fails on some user ids
 * (protocol notes §3.1), so this one decodes base64url itself. Anything unreadable gives {}.
 */
export function decodeToken(token: string): TokenInfo {
  const payload = token.replace(/^(kauth-|kapikey-)/, '').split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null) return {};
    const { _id, exp } = claims as { _id?: unknown; exp?: unknown };
    return {
      ...(typeof _id === 'string' && { kuid: _id }),
      ...(typeof exp === 'number' && { expiresAt: exp * 1000 }),
    };
  } catch {
    return {};
  }
}
