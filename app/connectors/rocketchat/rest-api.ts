import { ConnectorError } from '../../core/connector.js';
import { objectOf, stringOf, type WireObject } from './wire.js';

const REQUEST_TIMEOUT_MS = 15_000;

/** Who calls: the DDP login's user id and token, which the REST API takes as headers (§9). */
export interface RestAuth {
  userId: string;
  token: string;
}

/** A REST route the server does not have (older versions): the caller falls back to DDP. */
export class RouteMissing extends Error {
  override name = 'RouteMissing';
}

/**
 * `GET`/`POST <server>/api/v1/<route>` with the session's headers. The answer's `success: false`
 * or an HTTP error becomes a ConnectorError with the server's own words (`error`, `message`).
 */
export async function restCall(
  server: string,
  auth: RestAuth,
  route: string,
  body?: unknown,
): Promise<WireObject> {
  const url = `${server.replace(/\/+$/, '')}/api/v1/${route}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        accept: 'application/json',
        'x-user-id': auth.userId,
        'x-auth-token': auth.token,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ConnectorError('network', `cannot reach ${new URL(url).host}: ${String(error)}`, {
      cause: error,
    });
  }
  if (response.status === 404) throw new RouteMissing(route);
  const answer = objectOf(await response.json().catch(() => undefined)) ?? {};
  if (!response.ok || answer.success === false) {
    const words = stringOf(answer.error) ?? stringOf(answer.message) ?? `HTTP ${response.status}`;
    throw new ConnectorError(response.status === 401 ? 'auth' : 'protocol', words);
  }
  return answer;
}
