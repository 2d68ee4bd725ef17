import { randomBytes } from 'node:crypto';
import { KuzzleError, type KuzzleVersion } from './errors.js';
import { signJwt, verifyJwt } from './jwt.js';

export interface LoginResult {
  _id: string;
  jwt: string;
  expiresAt: number;
  ttl: number;
}

interface StoredToken {
  kuid: string;
  /** Epoch ms; undefined for API keys, which never expire. */
  expiresAt: number | undefined;
  apiKey: boolean;
  /** Set when refreshed: the old token lives on only for the grace period. */
  refreshedAt?: number;
  timer?: NodeJS.Timeout;
}

/** Kuzzle's `security.jwt.gracePeriod`: how long a refreshed token stays valid. */
const GRACE_PERIOD_MS = 1_000;
const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `expiresIn` as Kuzzle reads it: milliseconds, or an ms-style timespan such as "1h". */
export function parseExpiresIn(value: unknown, fallbackMs: number): number {
  if (value === undefined || value === null) return fallbackMs;
  if (typeof value === 'number') return value;
  const match = /^(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(String(value).trim());
  if (!match) throw new KuzzleError('api.assert.invalid_type', ['expiresIn', 'number or timespan']);
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}

/**
 * Users, their passwords and the tokens handed out: real HS256 JWTs with `_id`, `iat` and `exp`
 * (prefixed `kauth-` in 2.x, as from 2.14), stored server-side as Kuzzle stores them in Redis,
 * so logout, refresh and forced expiry can invalidate a token whose signature still verifies.
 */
export class TokenStore {
  private readonly secret = randomBytes(32).toString('hex');
  private readonly users = new Map<string, string>();
  private readonly tokens = new Map<string, StoredToken>();

  constructor(
    private readonly version: () => KuzzleVersion,
    private readonly defaultTtlMs: number,
    private readonly onExpired: (jwt: string) => void,
  ) {}

  setUser(username: string, password: string): void {
    this.users.set(username, password);
  }

  login(body: unknown, expiresIn: unknown): LoginResult {
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string')
      throw new KuzzleError('plugin.strategy.missing_user', ['Missing credentials']);
    if (this.users.get(username) !== password)
      throw new KuzzleError('plugin.strategy.missing_user', ['wrong username or password']);
    return this.issue(username, parseExpiresIn(expiresIn, this.defaultTtlMs));
  }

  /** An API key (`kapikey-…`): a JWT without `exp`, accepted wherever a token is. */
  apiKey(kuid: string): string {
    const jwt = `kapikey-${signJwt({ _id: kuid, iat: Math.floor(Date.now() / 1000) }, this.secret)}`;
    this.tokens.set(jwt, { kuid, expiresAt: undefined, apiKey: true });
    return jwt;
  }

  /** The token's user; `security.token.expired` before `invalid`, as Kuzzle checks `exp` first. */
  verify(jwt: string): { kuid: string; expiresAt: number | undefined } {
    const raw = jwt.replace(/^(kauth-|kapikey-)/, '');
    const claims = verifyJwt(raw, this.secret);
    if (!claims) throw new KuzzleError('security.token.invalid');
    const stored = this.tokens.get(jwt);
    const expiresAt =
      stored?.expiresAt ?? (claims.exp !== undefined ? claims.exp * 1000 : undefined);
    if (expiresAt !== undefined && expiresAt <= Date.now())
      throw new KuzzleError('security.token.expired');
    if (!stored) throw new KuzzleError('security.token.invalid');
    if (stored.refreshedAt !== undefined && Date.now() - stored.refreshedAt > GRACE_PERIOD_MS)
      throw new KuzzleError('security.token.invalid');
    return { kuid: stored.kuid, expiresAt };
  }

  refresh(jwt: string, expiresIn: unknown): LoginResult {
    const { kuid } = this.verify(jwt);
    const stored = this.tokens.get(jwt)!;
    if (stored.apiKey) throw new KuzzleError('security.token.refresh_forbidden');
    if (stored.refreshedAt !== undefined) throw new KuzzleError('security.token.invalid');
    stored.refreshedAt = Date.now();
    clearTimeout(stored.timer);
    return this.issue(kuid, parseExpiresIn(expiresIn, this.defaultTtlMs));
  }

  logout(jwt: string): void {
    const stored = this.tokens.get(jwt);
    clearTimeout(stored?.timer);
    this.tokens.delete(jwt);
  }

  /** Makes the token expire now, as if its time had run out. */
  expire(jwt: string): void {
    const stored = this.tokens.get(jwt);
    if (!stored) return;
    clearTimeout(stored.timer);
    stored.expiresAt = Date.now();
    this.onExpired(jwt);
  }

  /** Every live token of a user, newest last. */
  tokensOf(kuid: string): string[] {
    return [...this.tokens].filter(([, t]) => t.kuid === kuid && !t.apiKey).map(([jwt]) => jwt);
  }

  clear(): void {
    for (const token of this.tokens.values()) clearTimeout(token.timer);
    this.tokens.clear();
  }

  private issue(kuid: string, ttl: number): LoginResult {
    const now = Date.now();
    const expiresAt = now + ttl;
    const claims = { _id: kuid, iat: Math.floor(now / 1000), exp: Math.ceil(expiresAt / 1000) };
    const prefix = this.version() === 2 ? 'kauth-' : '';
    const jwt = `${prefix}${signJwt(claims, this.secret)}`;
    const timer = setTimeout(() => this.expire(jwt), ttl);
    timer.unref();
    this.tokens.set(jwt, { kuid, expiresAt, apiKey: false, timer });
    return { _id: kuid, jwt, expiresAt, ttl };
  }
}
