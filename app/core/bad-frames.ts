import type { Clock, TimerHandle } from './clock.js';
import type { Logger } from './log.js';

export type BadFrameKind = 'too large' | 'malformed' | 'nested too deep' | 'of an unknown type';

/** One log line per account per this long, however many bad frames a server sends. */
export const BAD_FRAME_LOG_MS = 60_000;
/** The count beside the status is brought up to date at most this often. */
const DETAIL_MS = 1_000;
export const BAD_FRAMES_DETAIL = 'refused frames';

export interface BadFramesOptions {
  account: string;
  /** "Kuzzle", "Rocket.Chat": who sent them, for the log line. */
  server: string;
  clock: Clock;
  log: Logger;
  detail(key: string, value: string): void;
  /** For frames kept rather than refused (Dino keeps them in history): the log line and key. */
  wording?: { message: string; detailKey: string };
}

/**
 * Counts the frames an account's server sent that were refused (too large, not JSON, nested too
 * deep), says so in one log line per minute with the count, and keeps the totals in the
 * account's status details. A server that floods bad frames fills neither the log nor the
 * status stream.
 */
export class BadFrames {
  private readonly totals = new Map<BadFrameKind, number>();
  private unlogged = 0;
  private lastSample: Record<string, unknown> = {};
  private logQuietUntil = 0;
  private logTimer: TimerHandle | undefined;
  private detailQuietUntil = 0;
  private detailTimer: TimerHandle | undefined;
  private note: string | undefined;

  constructor(private readonly options: BadFramesOptions) {}

  /** A frame was refused; `fields` (size, a sample) go in the log line. */
  refused(kind: BadFrameKind, fields: Record<string, unknown> = {}): void {
    this.totals.set(kind, (this.totals.get(kind) ?? 0) + 1);
    this.unlogged++;
    this.lastSample = { kind, ...fields };
    this.writeLogSoon();
    this.writeDetailSoon();
  }

  /** Words after the counts, e.g. that the library had to close the connection for it. */
  explain(note: string): void {
    this.note = note;
    this.writeDetail();
  }

  get total(): number {
    let sum = 0;
    for (const count of this.totals.values()) sum += count;
    return sum;
  }

  private writeLogSoon(): void {
    const now = this.options.clock.now();
    if (now >= this.logQuietUntil) return this.writeLog();
    this.logTimer ??= this.options.clock.setTimeout(() => {
      this.logTimer = undefined;
      this.writeLog();
    }, this.logQuietUntil - now);
  }

  private writeLog(): void {
    if (this.unlogged === 0) return;
    this.options.log.warn(
      this.options.wording?.message ?? `${this.options.server} frames refused`,
      {
        account: this.options.account,
        count: this.unlogged,
        last: this.lastSample,
      },
    );
    this.unlogged = 0;
    this.logQuietUntil = this.options.clock.now() + BAD_FRAME_LOG_MS;
  }

  private writeDetailSoon(): void {
    const now = this.options.clock.now();
    if (now >= this.detailQuietUntil) return this.writeDetail();
    this.detailTimer ??= this.options.clock.setTimeout(() => {
      this.detailTimer = undefined;
      this.writeDetail();
    }, this.detailQuietUntil - now);
  }

  private writeDetail(): void {
    const counts = [...this.totals].map(([kind, count]) => `${count} ${kind}`).join(', ');
    const words = [counts, this.note].filter(Boolean).join('; ');
    if (words) this.options.detail(this.options.wording?.detailKey ?? BAD_FRAMES_DETAIL, words);
    this.detailQuietUntil = this.options.clock.now() + DETAIL_MS;
  }
}
