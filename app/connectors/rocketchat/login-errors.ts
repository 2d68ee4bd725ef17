import { ConnectorError } from '../../core/connector.js';
import { DdpError } from './ddp-error.js';

/**
 * A refused `login` in words the user can act on. The server's own reason is kept ("User not
 * found", "You've been logged out by the server..."); only rate limits are worth retrying.
 */
export function loginError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (!(error instanceof DdpError)) return ConnectorError.from(error);
  const reason = error.reason ?? String(error.code);
  switch (error.code) {
    case 'totp-required':
      return new ConnectorError('auth', 'two-factor code required', { cause: error });
    case 'totp-invalid':
      return new ConnectorError('auth', `two-factor code rejected (${reason})`, { cause: error });
    case 'totp-max-attempts':
      return new ConnectorError('auth', `too many wrong two-factor codes (${reason})`, {
        cause: error,
      });
    case 'too-many-requests':
    case 'error-too-many-requests':
      return new ConnectorError('network', `the server asks to slow down: ${reason}`, {
        cause: error,
      });
    case 500:
      return new ConnectorError('protocol', `the server failed to log in: ${reason}`, {
        cause: error,
      });
    default:
      return new ConnectorError('auth', reason, { cause: error });
  }
}
