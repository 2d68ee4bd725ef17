import { randomUUID } from 'node:crypto';
import { ConnectorError } from '../../core/connector.js';
import { KuzzleApiError } from './errors.js';
import type { KuzzleErrorBody, KuzzleFrame } from './frames.js';

interface Pending {
  route: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Requests in flight, matched to their responses by requestId, each with a deadline. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly timeoutMs: number) {}

  /** A new requestId and the promise of its result; rejects with a KuzzleApiError on error. */
  add(controller: unknown, action: unknown): { requestId: string; result: Promise<unknown> } {
    const requestId = randomUUID();
    const route = `${String(controller)}/${String(action)}`;
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(
          new ConnectorError('network', `${route}: no answer within ${this.timeoutMs / 1000} s`),
        );
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(requestId, { route, resolve, reject, timer });
    });
    // Every caller awaits its result; this only keeps a rejection nobody awaits any more (the
    // caller gave up first) from ending the process as an unhandled one.
    result.catch(() => {});
    return { requestId, result };
  }

  has(requestId: string | undefined): requestId is string {
    return requestId !== undefined && this.pending.has(requestId);
  }

  settle(requestId: string, frame: KuzzleFrame): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    const error = frame.error as KuzzleErrorBody | null | undefined;
    if (error) entry.reject(new KuzzleApiError(entry.route, error));
    else entry.resolve(frame.result);
  }

  fail(requestId: string, error: Error): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  failAll(error: Error): void {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.pending.clear();
  }
}
