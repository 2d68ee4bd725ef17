import type { DinoAccount } from '../../core/settings/accounts.js';
import type { SessionOptions } from '../shared/mqtt-session.js';

/** Dino's publisher sets a message expiry of seconds, but a day covers a laptop's night off. */
export const DEFAULT_SESSION_EXPIRY_SECONDS = 24 * 60 * 60;
export const DEFAULT_ENVIRONMENT = 'prod';

export type { SessionOptions, Subscription } from '../shared/mqtt-session.js';

/**
 * The client id must stay the same across restarts so the broker keeps the session (and, on
 * VerneMQ, because credentials are bound to it). The default is built from the account; a
 * Dino-issued `<uid>_<domain>_<n>` id goes in `clientId`.
 */
export function defaultClientId(account: Pick<DinoAccount, 'id' | 'userId'>): string {
  return `tidings_${account.userId}_${account.id}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

export function ownTopic(account: Pick<DinoAccount, 'topic' | 'environment' | 'userId'>) {
  return account.topic ?? `dms/${account.environment ?? DEFAULT_ENVIRONMENT}/${account.userId}`;
}

export function sessionOptions(account: DinoAccount): SessionOptions {
  const own = ownTopic(account);
  const extra = (account.topics ?? []).filter((topic) => topic !== own);
  return {
    url: account.broker,
    clientId: account.clientId ?? defaultClientId(account),
    sessionExpirySeconds: account.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_SECONDS,
    subscriptions: [
      // The user's own topic: if the broker refuses it, the account receives nothing.
      { topic: own, required: true },
      ...[...new Set(extra)].map((topic) => ({ topic, required: false })),
    ],
  };
}
