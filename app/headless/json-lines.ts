import type { AccountStatus } from '../core/connector.js';
import type { RoomNotification } from '../core/notification.js';

/** The CLI's stdout contract: one JSON object per line. */
export type OutputLine =
  | {
      type: 'status';
      account: string;
      state: AccountStatus['state'];
      /** In words: "Can't reach chat.example.com: nothing answers on port 443". */
      reason?: string;
      /** The raw error behind `reason` when that is other words: "connect ECONNREFUSED …". */
      error?: string;
      retryAt?: string;
      details?: Record<string, string>;
    }
  | {
      type: 'notification';
      account: string;
      kind: string;
      room: string;
      title: string;
      body: string;
      url?: string;
      id: string;
      /** Present when it stands for more than one event (a folded burst). */
      count?: number;
      /** True when it replaces the room's notification in place rather than showing anew. */
      update?: boolean;
    }
  | { type: 'retract'; account: string; room: string; id: string }
  /** `--notify-send`: whether the desktop's notification server can be reached, when that changes. */
  | { type: 'notifier'; state: 'available' | 'unavailable'; reason?: string };

export function statusLine(status: AccountStatus): OutputLine {
  return {
    type: 'status',
    account: status.account,
    state: status.state,
    ...(status.reason !== undefined && { reason: status.reason }),
    ...(status.error !== undefined && { error: status.error }),
    ...(status.retryAt !== undefined && { retryAt: new Date(status.retryAt).toISOString() }),
    ...(status.details !== undefined && { details: status.details }),
  };
}

export function notificationLine(n: RoomNotification, update: boolean): OutputLine {
  return {
    type: 'notification',
    account: n.account,
    kind: n.kind,
    room: n.room.id,
    title: n.title,
    body: n.body,
    ...(n.url !== undefined && { url: n.url }),
    id: n.eventId,
    ...(n.count > 1 && { count: n.count }),
    ...(update && { update: true }),
  };
}

export function retractLine(n: RoomNotification): OutputLine {
  return { type: 'retract', account: n.account, room: n.room.id, id: n.eventId };
}

export function notifierLine(available: boolean, reason?: string): OutputLine {
  return {
    type: 'notifier',
    state: available ? 'available' : 'unavailable',
    ...(reason !== undefined && { reason }),
  };
}

export function writeLine(line: OutputLine, write: (text: string) => void): void {
  write(`${JSON.stringify(line)}\n`);
}
