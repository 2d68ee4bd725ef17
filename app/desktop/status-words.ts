import type { AccountStatus } from '../core/connector.js';
import { plainReason } from './server-words.js';

/** Seconds until `at`, rounded up so a retry due in 7.2 s reads "in 8 s", never "in 0 s". */
function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/**
 * An account's status as the tray and the window say it: "online", "reconnecting in 8 s
 * (connection refused)", "sign-in failed: wrong password", "paused".
 */
export function statusWords(status: AccountStatus, now: number): string {
  switch (status.state) {
    case 'online':
      return 'online';
    case 'connecting':
      return 'connecting…';
    case 'reconnecting': {
      const when = status.retryAt === undefined ? '' : ` in ${secondsUntil(status.retryAt, now)} s`;
      return `reconnecting${when}${status.reason ? ` (${status.reason})` : ''}`;
    }
    case 'auth-failed':
      return `sign-in failed${status.reason ? `: ${plainReason(status.reason).headline}` : ''}`;
    case 'offline':
      return status.reason === 'paused'
        ? 'paused'
        : `offline${status.reason ? `: ${status.reason}` : ''}`;
    case 'disabled':
      return status.reason ? `disabled: ${status.reason}` : 'disabled';
  }
}

/** Whether the tray should show that something is wrong with the account. */
export function isFailing(status: AccountStatus): boolean {
  if (status.state === 'auth-failed' || status.state === 'reconnecting') return true;
  return status.state === 'offline' && status.reason !== 'paused';
}
