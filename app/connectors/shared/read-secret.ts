import { ConnectorError, type ConnectorContext } from '../../core/connector.js';
import type { Secret } from '../../core/settings/fields.js';

/**
 * An account's secret, or a `config` ConnectorError naming `what` could not be read (an unset
 * variable, a failing keyring command): retrying cannot help until the user fixes it.
 */
export async function readSecret(
  context: ConnectorContext,
  secret: Secret,
  what: string,
): Promise<string> {
  try {
    return await context.resolveSecret(secret);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError('config', `cannot read ${what}: ${reason}`, { cause: error });
  }
}
