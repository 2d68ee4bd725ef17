import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from './hub.js';
import { login } from './login.js';
import { readJson } from './read-json.js';
import { preferenceRoute } from './rest-preferences.js';
import type { User } from './store.js';

/**
 * The few REST endpoints a client meets beside DDP (protocol notes §9): `GET /api/info` to
 * probe the version, `POST /api/v1/login`, `GET /api/v1/me`, `GET /api/v1/subscriptions.get`,
 * and the notification preferences (rest-preferences.ts).
 */
export function handleRest(hub: Hub, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET' && url.pathname === '/api/info')
    return reply(200, { version: hub.options.behaviour.version, success: true });
  if (request.method === 'POST' && url.pathname === '/api/v1/login')
    return void readJson(request).then((body) => {
      try {
        const password =
          typeof body.resume === 'string'
            ? { resume: body.resume }
            : {
                user: body.user ?? body.username,
                password: body.password,
              };
        const params =
          typeof body.code === 'string' ? { totp: { login: password, code: body.code } } : password;
        const { user, login: token } = login(hub, [params]);
        reply(200, {
          status: 'success',
          data: { userId: user._id, authToken: token.token, me: me(hub, user) },
        });
      } catch (error) {
        reply(401, {
          status: 'error',
          error: 'Unauthorized',
          message: String((error as Error).message),
        });
      }
    });
  const user = authenticated(hub, request);
  if (url.pathname.startsWith('/api/v1/') && !user)
    return reply(401, { status: 'error', message: 'You must be logged in to do this.' });
  if (request.method === 'GET' && url.pathname === '/api/v1/me')
    return reply(200, { ...me(hub, user!), success: true });
  if (request.method === 'GET' && url.pathname === '/api/v1/subscriptions.get') {
    const since = url.searchParams.get('updatedSince');
    const after = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    const update = hub.store
      .subscriptionsOf(user!._id)
      .filter((s) => s._updatedAt.getTime() > after);
    return reply(200, { update, remove: [], success: true });
  }
  if (url.pathname.startsWith('/api/v1/') && preferenceRoute(hub, user!, request, url, reply))
    return;
  reply(404, { success: false, error: 'Not found' });
}

function authenticated(hub: Hub, request: IncomingMessage): User | undefined {
  const userId = request.headers['x-user-id'];
  const token = request.headers['x-auth-token'];
  if (typeof userId !== 'string' || typeof token !== 'string') return undefined;
  const found = hub.store.userByToken(token);
  return found?.user._id === userId ? found.user : undefined;
}

function me(hub: Hub, user: User) {
  return {
    _id: user._id,
    username: user.username,
    name: user.name,
    status: hub.effectiveStatus(user),
    statusConnection: hub.isOnline(user._id) ? 'online' : 'offline',
    statusText: user.statusText,
    active: true,
    roles: user.roles,
    emails: [{ address: user.email, verified: true }],
  };
}
