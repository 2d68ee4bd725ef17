import { ConnectorError, type Connector, type ConnectorFactory } from '../core/connector.js';
import { describeFailure } from '../core/failure-words.js';
import type { Logger } from '../core/log.js';
import { accountAddress } from '../core/settings/account-address.js';
import type { Account } from '../core/settings/accounts.js';
import type { Secret } from '../core/settings/fields.js';
import type { Outcome } from '../ipc/contract.js';
import { partWords } from './part-words.js';

export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/**
 * What failed, in the words the window shows: a known network failure as the account's status
 * says it ("Can't reach chat.example.com: nothing answers on port 443."), the rest by kind.
 */
function failure(error: ConnectorError, words: string, plain: boolean): string {
  if (plain && error.kind !== 'auth' && error.kind !== 'config') return `${words}.`;
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

export interface ConnectOnceOptions {
  createConnector: ConnectorFactory;
  resolveSecret(secret: Secret): Promise<string>;
  log: Logger;
  timeoutMs?: number;
}

/**
 * One connect with a throwaway connector (`probe`: it leaves the account's live connection and
 * what the server holds for it alone), `use` while it is connected, then close; the whole
 * within the timeout. Events it receives are dropped; the per-part results it reports (a topic
 * refused) are handed to `use`. A failure comes back in the words the window shows.
 */
export async function connectOnce<T>(
  account: Account,
  options: ConnectOnceOptions,
  use: (connector: Connector, details: string[]) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const details: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let connector: Connector | undefined;
  try {
    const created = options.createConnector(account, {
      emit: () => {},
      lost: () => {},
      detail: (key, value) => details.push(partWords(account, key, value)),
      resolveSecret: options.resolveSecret,
      log: options.log,
      probe: true,
    });
    connector = created;
    const timeoutMs = options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectorError('network', `no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    const value = await Promise.race([
      created.connect().then(() => use(created, details)),
      timeout,
    ]);
    return { ok: true, value };
  } catch (error) {
    const failed = ConnectorError.from(error);
    const { words, plain, raw } = describeFailure(failed, accountAddress(account));
    // The raw error stays in the log for support; the window says it in words.
    options.log.info('connection test failed', { account: account.id, error: raw ?? words });
    return { ok: false, message: failure(failed, words, plain) };
  } finally {
    clearTimeout(timer);
    await connector?.close().catch(() => {});
  }
}

/** "Test connection": connected and signed in, with what the connector said of its parts. */
export async function testConnection(
  account: Account,
  options: ConnectOnceOptions,
): Promise<Outcome> {
  const result = await connectOnce(account, options, (_connector, details) =>
    Promise.resolve(details.length > 0 ? ` (${details.join('; ')})` : ''),
  );
  return result.ok ? { ok: true, message: `Connected and signed in${result.value}.` } : result;
}
