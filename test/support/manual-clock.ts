import type { Clock, TimerHandle } from '../../app/core/clock.js';

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A Clock whose time moves only when the test says so; timers fire in order of due time. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<TimerHandle, PendingTimer>();

  constructor(start: number | string = Date.UTC(2026, 0, 5, 12, 0, 0)) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = {};
    this.timers.set(handle, { at: this.current + Math.max(0, ms), seq: this.seq++, callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing every timer that falls due on the way, each at its own time. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.timers.delete(next[0]);
      this.current = next[1].at;
      next[1].callback();
    }
    this.current = end;
  }

  private nextDue(end: number): [TimerHandle, PendingTimer] | undefined {
    let best: [TimerHandle, PendingTimer] | undefined;
    for (const entry of this.timers) {
      if (entry[1].at > end) continue;
      if (
        !best ||
        entry[1].at < best[1].at ||
        (entry[1].at === best[1].at && entry[1].seq < best[1].seq)
      )
        best = entry;
    }
    return best;
  }
}
