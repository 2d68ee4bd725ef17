import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { DdpError } from './ddp-error.js';
import type { Frame } from './ddp-frames.js';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface PendingSub {
  resolve(): void;
  reject(error: Error): void;
  ready: boolean;
}

/**
 * What one DDP session waits for from the server: method results by call id (they may come
 * in any order), and subscriptions until `ready` or `nosub`. A subscription stays known after
 * `ready`, so a later `nosub` is told apart from a refusal.
 */
export class DdpRequests {
  private readonly calls = new Map<string, PendingCall>();
  private readonly subs = new Map<string, PendingSub>();

  constructor(
    private readonly log: Logger,
    private readonly callTimeoutMs: number,
  ) {}

  /** Waits for the result of call `id`, which `send` then writes; rejects after the timeout. */
  call(id: string, method: string, send: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new ConnectorError('network', `no answer to ${method} in ${this.callTimeoutMs} ms`));
      }, this.callTimeoutMs);
      this.calls.set(id, { resolve, reject, timer });
      send();
    });
  }

  /** Waits for subscription `id` to be ready, which `send` then asks for. */
  subscription(id: string, send: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.subs.set(id, { resolve, reject, ready: false });
      send();
    });
  }

  /** Forgets a subscription; false when it was not known (ended, refused or never made). */
  forget(subId: string): boolean {
    return this.subs.delete(subId);
  }

  result(frame: Frame): void {
    const id = frame.id;
    const pending = typeof id === 'string' ? this.calls.get(id) : undefined;
    if (!pending) {
      this.log.warn('Rocket.Chat result for no pending call; ignored', { id: String(id) });
      return;
    }
    this.calls.delete(id as string);
    clearTimeout(pending.timer);
    if (frame.error !== undefined) pending.reject(DdpError.fromWire(frame.error));
    else pending.resolve(frame.result);
  }

  ready(frame: Frame): void {
    if (!Array.isArray(frame.subs)) return;
    for (const id of frame.subs) {
      const sub = typeof id === 'string' ? this.subs.get(id) : undefined;
      if (!sub || sub.ready) continue;
      sub.ready = true;
      sub.resolve();
    }
  }

  /** `nosub`: a refusal before `ready`, or after it the server ending it (`onStopped`). */
  nosub(frame: Frame, onStopped: (subId: string, error: DdpError | undefined) => void): void {
    const id = typeof frame.id === 'string' ? frame.id : undefined;
    const sub = id === undefined ? undefined : this.subs.get(id);
    if (!sub || id === undefined) return;
    this.subs.delete(id);
    const error = frame.error === undefined ? undefined : DdpError.fromWire(frame.error);
    if (sub.ready) onStopped(id, error);
    else sub.reject(error ?? new DdpError('nosub', 'the server refused the subscription'));
  }

  /** The session ended: every call and every subscription not yet ready fails with `error`. */
  failAll(error: Error): void {
    for (const pending of this.calls.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.calls.clear();
    for (const sub of this.subs.values()) if (!sub.ready) sub.reject(error);
    this.subs.clear();
  }
}
