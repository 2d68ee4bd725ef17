export interface BackoffOptions {
  /** The ceiling of the first retry. */
  initialMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
  /** No retry comes sooner than this, so a flapping server is not hammered. */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 5 * 60_000, minMs: 500 };

/**
 * Exponential backoff with full jitter: the ceiling doubles with each failed attempt up to
 * `maxMs`, and the delay is drawn uniformly below it, so many accounts that failed together do
 * not retry together. `attempt` counts from 0.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const floor = Math.min(options.minMs, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}
