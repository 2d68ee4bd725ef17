import { MeteorError, matchFailed } from './errors.js';
import type { Hub } from './hub.js';
import { sha256Hex, type LoginToken, type User } from './store.js';

export interface LoginResult {
  user: User;
  login: LoginToken;
  type: 'password' | 'resume';
}

type Params = Record<string, unknown>;

const isObject = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `login` method: password (SHA-256 digest, or plain as very old clients sent), resume
 * token, and the `totp` wrapper around a password login. Errors carry the real codes and texts.
 */
export function login(hub: Hub, params: unknown[]): LoginResult {
  const request = params[0];
  if (!isObject(request)) throw matchFailed();
  if (typeof request.resume === 'string') return resume(hub, request.resume);
  if (isObject(request.totp)) {
    const { login: inner, code } = request.totp;
    if (!isObject(inner) || typeof code !== 'string') throw matchFailed();
    return password(hub, inner, code);
  }
  if ('user' in request && 'password' in request) return password(hub, request, undefined);
  throw new MeteorError(400, 'Unrecognized options for login request');
}

function resume(hub: Hub, token: string): LoginResult {
  const found = hub.store.userByToken(token);
  if (!found)
    throw new MeteorError(403, "You've been logged out by the server. Please log in again.");
  const expires = found.login.when.getTime() + hub.options.tokenLifetimeMs;
  if (!found.login.personal && expires < Date.now())
    throw new MeteorError(403, 'Your session has expired. Please log in again.');
  // Meteor returns the same token with its original date: no new token on resume.
  return { user: found.user, login: found.login, type: 'resume' };
}

function password(hub: Hub, request: Params, code: string | undefined): LoginResult {
  const user = findUser(hub, request.user);
  const digest = digestOf(request.password);
  const refused = new MeteorError(hub.options.behaviour.loginErrorCode, 'User not found');
  if (!user || digest === undefined || digest !== user.passwordDigest) throw refused;
  if (user.totpCode !== undefined) {
    // 2FA is checked in onValidateLogin after the password, and never for resume logins.
    if (code === undefined)
      throw new MeteorError('totp-required', 'TOTP Required', {
        method: 'totp',
        availableMethods: ['totp'],
      });
    if (code !== user.totpCode) throw new MeteorError('totp-invalid', 'TOTP Invalid');
  }
  return { user, login: hub.store.issueToken(user), type: 'password' };
}

function findUser(hub: Hub, selector: unknown): User | undefined {
  if (typeof selector === 'string')
    return selector.includes('@')
      ? hub.store.userByEmail(selector)
      : hub.store.userByName(selector);
  if (!isObject(selector)) throw matchFailed();
  if (typeof selector.username === 'string') return hub.store.userByName(selector.username);
  if (typeof selector.email === 'string') return hub.store.userByEmail(selector.email);
  if (typeof selector.id === 'string') return hub.store.users.get(selector.id);
  throw matchFailed();
}

function digestOf(value: unknown): string | undefined {
  if (typeof value === 'string') return sha256Hex(value);
  if (!isObject(value) || typeof value.digest !== 'string') return undefined;
  if (value.algorithm !== 'sha-256')
    throw new MeteorError(400, 'Unrecognized options for login request');
  return value.digest.toLowerCase();
}
