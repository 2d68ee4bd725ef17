import { vi } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import type { Logger } from '../../app/core/log.js';
import type { RoomNotification } from '../../app/core/notification.js';
import {
  dbusNotificationSink,
  type DbusSinkHandlers,
  type DbusSinkOptions,
} from '../../app/linux-notifications/dbus-notification-sink.js';

export function roomNotification(overrides: Partial<RoomNotification> = {}): RoomNotification {
  return {
    key: 'work\u0000GENERAL',
    account: 'work',
    room: { id: 'GENERAL', name: 'general', type: 'channel' },
    kind: 'message-sent',
    eventId: 'm1',
    title: 'bob in #general',
    body: 'hello <b>there</b> & welcome',
    url: 'https://chat.example.com/channel/general?msg=m1',
    count: 1,
    mention: false,
    ...overrides,
  };
}

/** What the user did through the notifications, and what the sink said, as the front end saw it. */
export interface Recorded {
  calls: string[];
  availability: { available: boolean; reason?: string }[];
  log: string[];
}

export function recordingSink(
  env: NodeJS.ProcessEnv,
  options: Partial<DbusSinkOptions> & { canReply?: boolean } = {},
) {
  const recorded: Recorded = { calls: [], availability: [], log: [] };
  const note =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      void recorded.log.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const log: Logger = {
    debug: () => {},
    info: note('info'),
    warn: note('warn'),
    error: note('error'),
  };
  const handlers: DbusSinkHandlers = {
    open: (n) => void recorded.calls.push(`open ${n.url}`),
    markRead: (n) => void recorded.calls.push(`mark-read ${n.account}/${n.room.id}`),
    mute: (n) => void recorded.calls.push(`mute ${n.account}/${n.room.id}`),
    link: (_n, link) => (recorded.calls.push(`link ${link.url}`), true),
    reply: (n, text) => void recorded.calls.push(`reply ${n.room.id}: ${text}`),
    canReply: () => options.canReply ?? false,
    availability: (available, reason) =>
      void recorded.availability.push({ available, ...(reason !== undefined && { reason }) }),
  };
  const sink = dbusNotificationSink({ handlers, log, clock: systemClock, env, ...options });
  return { sink, recorded };
}

/** Waits (polling, no fixed sleeps) until the check passes. */
export const eventually = <T>(check: () => T | Promise<T>, timeout = 5_000) =>
  vi.waitFor(check, { timeout, interval: 25 });
