import type { Clock, TimerHandle } from './clock.js';
import type { Storage } from './storage.js';

/**
 * Saves at most once per `delayMs` however often state changes: a burst of 10,000 events must
 * not mean 10,000 writes. `flush()` saves now (on quit).
 */
export class DebouncedSave<T> {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly storage: Storage<T>,
    private readonly snapshot: () => T,
    private readonly clock: Clock,
    private readonly delayMs = 1000,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = this.clock.setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.storage.save(this.snapshot());
  }
}
