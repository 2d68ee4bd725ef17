import { ConnectorError } from '../../core/connector.js';

/**
 * A server's HTTP refusal as a ConnectorError: 401/403 is who we are (not retried until the
 * user acts), 429 is a rate limit (retried after the supervisor's growing backoff), anything
 * else may pass.
 */
export function httpRefusal(server: string, status: number, detail?: string): ConnectorError {
  const why = detail ? `: ${detail}` : '';
  const httpStatus = { httpStatus: status };
  if (status === 401)
    return new ConnectorError('auth', `${server} refused the sign-in (401${why})`, httpStatus);
  if (status === 403)
    return new ConnectorError('auth', `${server} refused access (403${why})`, httpStatus);
  if (status === 429)
    return new ConnectorError(
      'network',
      `${server} is rate-limiting this client (429${why}); backing off`,
      httpStatus,
    );
  return new ConnectorError('protocol', `${server} answered ${status}${why}`, httpStatus);
}

/** The words in an error body: ntfy's {"error"}, Gotify's {"errorDescription"}, else the text. */
export function refusalDetail(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; errorDescription?: unknown };
    const words = parsed.errorDescription ?? parsed.error;
    if (typeof words === 'string' && words.trim()) return words.trim().slice(0, 200);
  } catch {
    // Not JSON: a proxy's page; its first line says enough.
  }
  const line = body.trim().split('\n')[0]?.slice(0, 200);
  return line || undefined;
}
