import { KuzzleError } from './errors.js';
import type { Call } from './request.js';
import type { Action, Services } from './services.js';

function login(services: Services, { connection, request }: Call) {
  if (request.strategy !== 'local')
    throw new KuzzleError('security.credentials.unknown_strategy', [String(request.strategy)]);
  const last = services.lastLogin.get(connection);
  const now = Date.now();
  if (
    services.loginsPerSecond > 0 &&
    last !== undefined &&
    now - last < 1000 / services.loginsPerSecond
  )
    throw new KuzzleError('api.process.too_many_logins_requests');
  services.lastLogin.set(connection, now);
  return services.tokens.login(request.body, request.expiresIn);
}

/** Answers valid/invalid rather than failing; 2.x treats an empty token as anonymous. */
function checkToken(services: Services, { request }: Call) {
  const token = (request.body as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token === '') {
    if (services.version() === 1)
      throw new KuzzleError('api.assert.missing_argument', ['body.token']);
    return { valid: true, kuid: '-1', expiresAt: null };
  }
  try {
    const { kuid, expiresAt } = services.tokens.verify(token);
    return services.version() === 2
      ? { valid: true, expiresAt: expiresAt ?? -1, kuid }
      : { valid: true, expiresAt };
  } catch (error) {
    if (error instanceof KuzzleError) return { valid: false, state: error.message };
    throw error;
  }
}

function refreshToken(services: Services, { connection, request }: Call) {
  if (!services.refreshToken())
    throw new KuzzleError('api.process.action_not_found', ['auth', 'refreshToken']);
  if (!request.jwt) throw new KuzzleError('security.rights.unauthorized', ['auth', 'refreshToken']);
  const result = services.tokens.refresh(request.jwt, request.expiresIn);
  // The connection's expiry watch moves to the new token (notes §3.4).
  if (connection.token === request.jwt) connection.token = result.jwt;
  return result;
}

function logout(services: Services, { connection, request, kuid }: Call) {
  if (!request.jwt || kuid === '-1')
    throw new KuzzleError('security.rights.unauthorized', ['auth', 'logout']);
  services.tokens.logout(request.jwt);
  if (connection.token === request.jwt) connection.token = undefined;
  return { acknowledged: true };
}

export const authActions: Record<string, Action> = {
  login,
  checkToken,
  refreshToken,
  logout,
  getCurrentUser: (_services, { kuid }) => ({ _id: kuid, _source: {} }),
};
