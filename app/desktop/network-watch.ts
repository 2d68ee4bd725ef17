import type { Clock, TimerHandle } from '../core/clock.js';

export const NETWORK_POLL_MS = 5_000;

/**
 * Electron's main process has no "online" event, only `net.isOnline()`: poll it and call
 * `onBack` when the network returns, so every account reconnects at once instead of waiting out
 * its backoff.
 */
export function watchNetwork(options: {
  isOnline(): boolean;
  clock: Clock;
  onBack(): void;
  intervalMs?: number;
}): () => void {
  let online = options.isOnline();
  let timer: TimerHandle | undefined;
  const poll = () => {
    const now = options.isOnline();
    if (now && !online) options.onBack();
    online = now;
    timer = options.clock.setTimeout(poll, options.intervalMs ?? NETWORK_POLL_MS);
  };
  timer = options.clock.setTimeout(poll, options.intervalMs ?? NETWORK_POLL_MS);
  return () => {
    if (timer) options.clock.clearTimeout(timer);
  };
}
