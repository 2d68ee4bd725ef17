/** The longest a dead link goes unnoticed: two intervals, plus one check's granularity. */
export function silenceDeadlineMs(intervalMs: number): number {
  return 2 * intervalMs + checkEveryMs(intervalMs);
}

function checkEveryMs(intervalMs: number): number {
  return Math.max(10, intervalMs / 4);
}

/**
 * Notices a link that went quiet. Every inbound frame only stamps the time (no timer is reset
 * per frame: a busy connection must stay cheap); a check running four times per interval sends
 * a ping after one interval of silence and gives up after two.
 */
export class SilenceWatch {
  private lastHeard = Date.now();
  private pinged = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly ping: () => void,
    private readonly dead: (silentMs: number) => void,
  ) {}

  start(): void {
    this.lastHeard = Date.now();
    this.timer = setInterval(() => this.check(), checkEveryMs(this.intervalMs));
    this.timer.unref();
  }

  heard(): void {
    this.lastHeard = Date.now();
    this.pinged = false;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const silent = Date.now() - this.lastHeard;
    if (silent >= 2 * this.intervalMs) {
      this.stop();
      this.dead(silent);
    } else if (silent >= this.intervalMs && !this.pinged) {
      this.pinged = true;
      this.ping();
    }
  }
}
