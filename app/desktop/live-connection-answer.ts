import { isDeepStrictEqual } from 'node:util';
import type { AccountStatus } from '../core/connector.js';
import { formatTime, type TimeFormat } from '../core/format-time.js';
import type { Account } from '../core/settings/accounts.js';
import type { Outcome } from '../ipc/contract.js';
import { partWords } from './part-words.js';

/** JSON's view of an account: what a settings file would hold (no undefined fields). */
const asStored = (account: Account): unknown => JSON.parse(JSON.stringify(account));

/**
 * Whether a form, checked and with its stored secrets filled in, would run exactly the account
 * that runs now. Any difference at all (a name, a topic, a secret typed anew that differs, a
 * stored secret that went missing) counts: only the very same account may answer for it.
 */
export function runsTheSame(checked: Account, running: Account | undefined): boolean {
  return running !== undefined && isDeepStrictEqual(asStored(checked), asStored(running));
}

/**
 * "Test connection" answered by the account's own running connection, when it is online: a
 * second, throwaway connection could be refused where the live one works (a broker that ties
 * the password to one client id), or end the live session (a server allowing one session).
 * Undefined when the running connection cannot answer (not online): then test for real.
 */
export function liveAnswer(
  status: AccountStatus,
  format: TimeFormat,
  account?: Account,
): Outcome | undefined {
  if (status.state !== 'online') return undefined;
  const since = formatTime(status.since, format);
  const parts = Object.entries(status.details ?? {}).map(([key, value]) =>
    partWords(account, key, value),
  );
  const details = parts.length > 0 ? `; ${parts.join('; ')}` : '';
  return {
    ok: true,
    message: `Connected and signed in (the running connection, online since ${since}${details}).`,
  };
}
