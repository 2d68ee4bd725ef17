import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog } from './catalog.js';
import type { Session, SessionStore } from './sessions.js';
import { SESSION_COOKIE } from './sessions.js';

export interface User {
  username: string;
  password: string;
  email?: string;
}

export interface RestOptions {
  sessions: SessionStore;
  catalog: Catalog;
  users: () => readonly User[];
  /** `password`: `POST /v5/login {user, password}` (2021–2023); `sso`: 410, as since Frontegg. */
  loginMode: () => 'password' | 'sso';
  authenticatedTeamspace: (username: string) => string | undefined;
  configJs: () => string;
  onLogin: (session: Session, socketId: string | undefined) => void;
  onLogout: (session: Session) => void;
}

/**
 * The REST routes the connector uses, with the server's error body `{code, message, status,
 * place}` (`responder.js`): `GET/POST /v5/login`, `POST /v5/logout`, `GET /config/config.js`,
 * and for the room picker `GET /v5/teamspaces`, `…/:teamspace/projects`,
 * `…/projects/:project/containers` and `…/federations` (routes/teamspaces/teamspaces.js,
 * projects/projects.js, models/common/general.js `getModelList`).
 */
export function restHandler(options: RestOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = `${request.method ?? 'GET'} ${path}`;
    const session = options.sessions.fromCookieHeader(request.headers.cookie);
    const fail = (status: number, code: string, message: string) =>
      json(response, status, { code, message, status, place: route });

    if (route === 'GET /config/config.js') {
      response.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      response.end(options.configJs());
      return;
    }
    if (route === 'GET /v5/login') {
      if (!session) return fail(401, 'NOT_LOGGED_IN', 'You are not logged in.');
      const teamspace = options.authenticatedTeamspace(session.username);
      return json(response, 200, {
        username: session.username,
        ...(teamspace && { authenticatedTeamspace: teamspace }),
      });
    }
    if (route === 'POST /v5/login') {
      if (options.loginMode() === 'sso')
        return fail(410, 'ENDPOINT_DECOMMISSIONED', 'Endpoint no longer available.');
      if (session) return fail(401, 'ALREADY_LOGGED_IN', 'You are already logged in.');
      const body = await readJson(request);
      const keys = body ? Object.keys(body) : [];
      // The schema is strict: exactly `user` and `password`.
      if (
        !body ||
        typeof body.user !== 'string' ||
        typeof body.password !== 'string' ||
        keys.length !== 2
      )
        return fail(400, 'INVALID_ARGUMENTS', 'The parameters provided are invalid.');
      const user = options
        .users()
        .find(
          (u) =>
            (u.username === body.user || u.email === body.user) && u.password === body.password,
        );
      if (!user)
        return fail(400, 'INCORRECT_USERNAME_OR_PASSWORD', 'Incorrect username or password.');
      const userAgent = request.headers['user-agent'];
      const referer = headerValue(request.headers.referer);
      const created = options.sessions.create(user.username, {
        ...(userAgent !== undefined && { userAgent }),
        ...(referer !== undefined && { referer }),
      });
      const socketId = headerValue(request.headers['x-socket-id']);
      options.onLogin(created, socketId);
      response.setHeader(
        'set-cookie',
        `${SESSION_COOKIE}=${options.sessions.cookieValue(created)}; Path=/; HttpOnly; SameSite=Strict`,
      );
      return json(response, 200, {});
    }
    const listing =
      /^GET \/v5\/teamspaces(?:\/([^/]+)\/projects(?:\/([^/]+)\/(containers|federations))?)?$/.exec(
        route,
      );
    if (listing) {
      // validSession, then hasAccessToTeamspace (middleware/permissions/permissions.js).
      if (!session) return fail(401, 'NOT_LOGGED_IN', 'You are not logged in.');
      const [, rawTeamspace, rawProject, kind] = listing;
      const { catalog } = options;
      if (!rawTeamspace)
        return json(response, 200, { teamspaces: catalog.teamspacesOf(session.username) });
      const teamspace = decodeURIComponent(rawTeamspace);
      if (!catalog.hasTeamspaceAccess(teamspace, session.username))
        return fail(
          401,
          'NOT_AUTHORIZED',
          'You do not have sufficient access rights for this action.',
        );
      if (!rawProject)
        return json(response, 200, { projects: catalog.projectsOf(teamspace, session.username) });
      const project = decodeURIComponent(rawProject);
      if (!catalog.project(teamspace, project))
        return fail(404, 'PROJECT_NOT_FOUND', 'Project not found.');
      const type = kind === 'federations' ? 'federation' : 'container';
      return json(response, 200, {
        [kind!]: catalog.modelsOf(teamspace, project, type, session.username),
      });
    }
    if (route === 'POST /v5/logout') {
      if (!session) return fail(401, 'NOT_LOGGED_IN', 'You are not logged in.');
      options.sessions.destroy(session.sid);
      options.onLogout(session);
      response.setHeader(
        'set-cookie',
        `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
      );
      return json(response, 200, {});
    }
    fail(404, 'ENDPOINT_NOT_FOUND', 'Endpoint not found.');
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The frontend config script as the server writes it: `/` escaped as `\u002F`. */
export function configScript(config: Record<string, unknown>): string {
  const literal = JSON.stringify(config, null, 2).replace(/\//g, '\\u002F');
  return `window.ClientConfig = ${literal};\n`;
}
