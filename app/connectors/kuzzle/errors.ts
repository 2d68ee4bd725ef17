import { ConnectorError } from '../../core/connector.js';
import type { KuzzleErrorBody } from './frames.js';

/** An error response from Kuzzle, kept with its id so callers can tell expiry from the rest. */
export class KuzzleApiError extends Error {
  constructor(
    readonly route: string,
    readonly error: KuzzleErrorBody,
  ) {
    super(describe(route, error));
    this.name = 'KuzzleApiError';
  }
}

/** "auth/login: wrong username or password (plugin.strategy.missing_user)" */
function describe(route: string, error: KuzzleErrorBody): string {
  const message = error.message ?? `status ${error.status ?? 'unknown'}`;
  return `${route}: ${message}${error.id ? ` (${error.id})` : ''}`;
}

/**
 * What the supervisor should do about it: refused credentials and rights are the user's to fix;
 * an overloaded or rate-limiting server is worth retrying; anything else is the server saying
 * something this account cannot work with.
 */
export function connectorErrorFor(error: unknown): ConnectorError {
  if (!(error instanceof KuzzleApiError)) return ConnectorError.from(error);
  const { id = '', status = 0 } = error.error;
  const kind =
    status === 401 ||
    status === 403 ||
    id.startsWith('security.') ||
    id.startsWith('plugin.strategy.')
      ? 'auth'
      : status === 429 || status >= 500
        ? 'network'
        : 'protocol';
  return new ConnectorError(kind, error.message, { cause: error });
}
