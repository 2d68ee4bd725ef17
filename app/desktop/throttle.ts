import type { Clock, TimerHandle } from '../core/clock.js';

/**
 * Calls `fn` at once, then at most once per `ms` while calls keep coming; the last call always
 * gets through, so what is shown ends up current. A burst of 10,000 events rebuilds the tray
 * menu a handful of times, not 10,000.
 */
export function throttle(fn: () => void, ms: number, clock: Clock): { (): void; cancel(): void } {
  let timer: TimerHandle | undefined;
  let pending = false;
  const fire = () => {
    timer = undefined;
    if (!pending) return;
    pending = false;
    fn();
    timer = clock.setTimeout(fire, ms);
  };
  const call = () => {
    pending = true;
    if (!timer) fire();
  };
  call.cancel = () => {
    if (timer) clock.clearTimeout(timer);
    timer = undefined;
    pending = false;
  };
  return call;
}
