import type { TidingsEvent } from '../../app/core/events.js';
import {
  notificationSettings,
  type NotificationSettings,
} from '../../app/core/settings/notifications.js';
import type { z } from 'zod';

/** The ManualClock's default start: Monday 2026-01-05 12:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

let counter = 0;

/**
 * A new message from bob in #general on the "work" account, sent at T0 (pass `time` for
 * another). Each call gets a fresh id unless one is given.
 */
export function makeEvent(overrides: Partial<TidingsEvent> = {}): TidingsEvent {
  counter++;
  return {
    account: 'work',
    kind: 'message-sent',
    id: `msg-${counter}`,
    time: T0,
    room: { id: 'GENERAL', name: 'general', type: 'channel' },
    author: { id: 'u-bob', name: 'bob' },
    title: 'bob in #general',
    body: `hello ${counter}`,
    mentionsUser: false,
    ownMessage: false,
    ...overrides,
  };
}

export type NotificationSettingsInput = z.input<typeof notificationSettings>;

/** Notification settings as the app would load them: defaults applied by the schema. */
export function makeSettings(input: NotificationSettingsInput = {}): NotificationSettings {
  return notificationSettings.parse(input);
}
