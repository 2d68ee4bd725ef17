import { ConnectorError } from '../../core/connector.js';
import { httpRequest, type HttpAnswer } from '../shared/http-request.js';
import { parseChatConfig } from './config-js.js';
import {
  CSRF_COOKIE,
  cookieHeader,
  sessionFromSetCookie,
  SESSION_COOKIE,
  type Cookies,
} from './cookies.js';

const REQUEST_TIMEOUT_MS = 15_000;

/** Where the chat service listens. */
export interface ChatEndpoint {
  url: string;
  path: string;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
  error?: RestError;
}

/** 3D Repo's REST error body (`utils/responder.js`): `{code, message, status, place}`. */
export interface RestError {
  code?: string;
  message?: string;
}

/**
 * The REST calls the connector needs: sign in (older servers), check the session, read where
 * the chat service is from the frontend config, and catch-up's queries (`getJson`). Every failure is a ConnectorError that
 * says in words what the user can do.
 */
export class ThreeDRepoRest {
  constructor(private readonly server: string) {}

  /** `POST /v5/login {user, password}` → the new session's `connect.sid`. */
  async login(user: string, password: string): Promise<string> {
    const response = await this.request('POST', '/v5/login', undefined, { user, password });
    if (response.ok) {
      const sid = sessionFromSetCookie(response.headers.getSetCookie());
      if (sid) return sid;
      throw new ConnectorError('protocol', 'the server signed in but sent no session cookie');
    }
    const error = await errorBody(response);
    if (response.status === 410 || error.code === 'ENDPOINT_DECOMMISSIONED')
      throw new ConnectorError(
        'auth',
        'this server signs in through the browser: sign in from the desktop app or give the session cookie',
      );
    if (error.code === 'INCORRECT_USERNAME_OR_PASSWORD')
      throw new ConnectorError('auth', 'wrong user name or password');
    if (response.status === 400 || response.status === 401 || response.status === 403)
      throw new ConnectorError(
        'auth',
        `sign-in refused: ${error.message ?? error.code ?? response.status}`,
      );
    throw serverError(response, error);
  }

  /**
   * `POST /v5/logout` (`routes/auth.js`: `validSession`, then the session is destroyed and
   * `connect.sid` cleared). Best effort: a session already gone answers 401, which is as good.
   */
  async logout(cookies: Cookies): Promise<void> {
    // The answer's body is read whole by httpRequest: nothing is left open to cancel.
    await this.request('POST', '/v5/logout', cookies);
  }

  /** `GET /v5/login`: whose session the cookies are, or auth-failed when it has expired. */
  async whoAmI(cookies: Cookies): Promise<string> {
    const response = await this.request('GET', '/v5/login', cookies);
    if (response.ok) {
      const body = (await response.json().catch(() => ({}))) as { username?: unknown };
      if (typeof body.username === 'string' && body.username !== '') return body.username;
      throw new ConnectorError('protocol', 'GET /v5/login named no user');
    }
    const error = await errorBody(response);
    if (response.status === 401 || error.code === 'NOT_LOGGED_IN')
      throw new ConnectorError('auth', 'session expired, sign in again');
    throw serverError(response, error);
  }

  /** A session-bound list (`GET /v5/teamspaces/…`): its JSON body, or why not in words. */
  async list(path: string, cookies: Cookies): Promise<Record<string, unknown>> {
    const response = await this.request('GET', path, cookies);
    if (response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
      throw new ConnectorError('protocol', `GET ${path} answered something that is not JSON`);
    }
    const error = await errorBody(response);
    if (error.code === 'NOT_LOGGED_IN')
      throw new ConnectorError('auth', 'session expired, sign in again');
    if (response.status === 401 || response.status === 403)
      throw new ConnectorError(
        'auth',
        `not allowed: ${error.message ?? error.code ?? response.status}`,
      );
    throw serverError(response, error);
  }

  /** `chatHost`/`chatPath` from `/config/config.js`; the site itself and `/chat` if unnamed. */
  async chatEndpoint(): Promise<ChatEndpoint> {
    const response = await this.request('GET', '/config/config.js');
    if (!response.ok)
      throw serverError(response, { message: `config.js answered ${response.status}` });
    const config = parseChatConfig(await response.text());
    return {
      url: config.chatHost ?? new URL(this.server).origin,
      path: config.chatPath ?? '/chat',
    };
  }

  /**
   * A session-bound `GET` of JSON (catch-up's queries): the status and the parsed body, or the
   * server's error body `{code, message}` when it refused.
   */
  async getJson(path: string, cookies: Cookies | undefined): Promise<JsonAnswer> {
    const response = await this.request('GET', path, cookies);
    if (response.ok) {
      const body: unknown = await response.json().catch(() => {
        throw new ConnectorError('protocol', `${path.split('?')[0]} answered with no JSON`);
      });
      return { status: response.status, body };
    }
    return { status: response.status, body: undefined, error: await errorBody(response) };
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    cookies?: Cookies,
    body?: unknown,
  ): Promise<HttpAnswer> {
    const url = new URL(path.slice(1), withSlash(this.server));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookies?.has(SESSION_COOKIE)) headers.cookie = cookieHeader(cookies);
    // Session-bound REST calls must echo the csrf_token cookie (utils/sessions.js).
    const csrf = cookies?.get(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await httpRequest(url, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        cause?.code === 'ECONNREFUSED' ? 'connection refused' : (cause?.message ?? String(error));
      throw new ConnectorError('network', `cannot reach ${url.host}: ${why}`, { cause: error });
    }
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

async function errorBody(response: HttpAnswer): Promise<RestError> {
  const body: unknown = await response.json().catch(() => undefined);
  return typeof body === 'object' && body !== null ? (body as RestError) : {};
}

function serverError(response: HttpAnswer, error: RestError): ConnectorError {
  const words = error.message ?? error.code ?? `HTTP ${response.status}`;
  return new ConnectorError('network', `server error: ${words}`);
}
