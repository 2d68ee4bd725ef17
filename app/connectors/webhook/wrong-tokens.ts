import type { ConnectorContext } from '../../core/connector.js';

/** One log line per this long, however many guesses a sender makes. */
const LOG_EVERY_MS = 60_000;

/** Requests refused for their token: a count beside the status, and a log line now and then. */
export class WrongTokens {
  private count = 0;
  private unlogged = 0;
  private quietUntil = 0;

  constructor(
    private readonly account: string,
    private readonly context: Pick<ConnectorContext, 'detail' | 'log'>,
  ) {}

  refused(from: string | undefined): void {
    this.count++;
    this.unlogged++;
    this.context.detail('refused requests', `${this.count} with a wrong or missing token`);
    const now = Date.now();
    if (now < this.quietUntil) return;
    this.context.log.warn('webhook requests refused: wrong or missing token', {
      account: this.account,
      count: this.unlogged,
      from,
    });
    this.unlogged = 0;
    this.quietUntil = now + LOG_EVERY_MS;
  }
}
