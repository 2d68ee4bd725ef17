import { ConnectorError, type ConnectorFactory } from '../core/connector.js';
import type { Logger } from '../core/log.js';
import type { Account } from '../core/settings/accounts.js';
import type { Secret } from '../core/settings/fields.js';
import type { Outcome } from '../ipc/contract.js';

export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/** What failed, in the words the window shows. */
function failure(error: ConnectorError): string {
  switch (error.kind) {
    case 'auth':
      return `Sign-in failed: ${error.message}`;
    case 'network':
      return `Could not reach the server: ${error.message}`;
    case 'protocol':
      return `The server answered something Tidings cannot use: ${error.message}`;
    case 'config':
      return `The account's settings cannot work: ${error.message}`;
  }
}

/**
 * "Test connection": one connect with a throwaway connector, then close. Events it receives are
 * dropped; the per-part results it reports (a topic refused) are said beside the result.
 */
export async function testConnection(
  account: Account,
  options: {
    createConnector: ConnectorFactory;
    resolveSecret(secret: Secret): Promise<string>;
    log: Logger;
    timeoutMs?: number;
  },
): Promise<Outcome> {
  const details: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let connector;
  try {
    connector = options.createConnector(account, {
      emit: () => {},
      lost: () => {},
      detail: (key, value) => details.push(`${key}: ${value}`),
      resolveSecret: options.resolveSecret,
      log: options.log,
    });
    const timeoutMs = options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectorError('network', `no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    await Promise.race([connector.connect(), timeout]);
    const said = details.length > 0 ? ` (${details.join('; ')})` : '';
    return { ok: true, message: `Connected and signed in${said}.` };
  } catch (error) {
    return { ok: false, message: failure(ConnectorError.from(error)) };
  } finally {
    clearTimeout(timer);
    await connector?.close().catch(() => {});
  }
}
