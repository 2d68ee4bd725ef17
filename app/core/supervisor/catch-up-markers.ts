/**
 * Per account, the time up to which everything received is kept: after a restart, catch-up asks
 * the server for what came since. The state database writes a marker in the same transaction as
 * the events before it, so it never runs ahead of what was committed.
 */
export interface CatchUpMarkers {
  get(account: string): number | undefined;
  set(account: string, time: number): void;
  /**
   * A source's own catch-up point (ntfy's last message id, Gotify's), kept like the markers: a
   * value set after an event is written in the same commit as that event.
   */
  cursor?(account: string): string | undefined;
  setCursor?(account: string, value: string): void;
}

/** While an account is online and caught up, its marker moves at least this often. */
export const MARKER_TICK_MS = 30_000;
