import { roomKey } from '../../app/core/events.js';
import type { NotificationSink, RoomNotification } from '../../app/core/notification.js';

type SinkMethod = keyof NotificationSink;

interface Failure {
  /** `throw` fails synchronously, `reject` returns a rejected promise. */
  mode: 'throw' | 'reject';
  error: Error;
}

/**
 * A NotificationSink that remembers every call and what the user would see now: one visible
 * notification per room key, replaced by show/update and removed by retract.
 */
export class RecordingSink implements NotificationSink {
  readonly shown: RoomNotification[] = [];
  readonly updated: RoomNotification[] = [];
  readonly retracted: RoomNotification[] = [];
  readonly visible = new Map<string, RoomNotification>();
  /** Calls that failed on purpose, in order. */
  readonly failed: { method: SinkMethod; notification: RoomNotification }[] = [];
  private readonly failures = new Map<SinkMethod, Failure>();

  /** Makes every later call of `method` fail until `heal(method)`. */
  failOn(method: SinkMethod, mode: Failure['mode'], error: Error): void {
    this.failures.set(method, { mode, error });
  }

  heal(method: SinkMethod): void {
    this.failures.delete(method);
  }

  /** What the room shows now, if anything. */
  visibleFor(account: string, roomId: string): RoomNotification | undefined {
    return this.visible.get(roomKey(account, roomId));
  }

  show(notification: RoomNotification): void | Promise<void> {
    return this.handle('show', notification, () => {
      this.shown.push(notification);
      this.visible.set(notification.key, notification);
    });
  }

  update(notification: RoomNotification): void | Promise<void> {
    return this.handle('update', notification, () => {
      this.updated.push(notification);
      this.visible.set(notification.key, notification);
    });
  }

  retract(notification: RoomNotification): void | Promise<void> {
    return this.handle('retract', notification, () => {
      this.retracted.push(notification);
      this.visible.delete(notification.key);
    });
  }

  private handle(
    method: SinkMethod,
    notification: RoomNotification,
    record: () => void,
  ): void | Promise<void> {
    const failure = this.failures.get(method);
    if (!failure) {
      record();
      return;
    }
    this.failed.push({ method, notification });
    if (failure.mode === 'throw') throw failure.error;
    return Promise.reject(failure.error);
  }
}
