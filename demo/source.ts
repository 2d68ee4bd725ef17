import type { Account } from '../app/core/settings/accounts.js';

/** One protocol's part of the demo: a server on loopback, the account for it, its traffic. */
export interface DemoSource {
  readonly name: string;
  readonly account: Account;
  /** Plays one round of realistic traffic: people talking, a mention, a direct message. */
  play(): Promise<void>;
  stop(): Promise<void>;
}

/** A pause between two things people do, so the demo reads like activity, not a dump. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
