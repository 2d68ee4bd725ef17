import { z } from 'zod';
import { clockTime, isoTime, level, weekday } from './fields.js';

export const rule = z.strictObject({
  /** Which account the rule is for; without it the rule applies to every account. */
  account: z.string().min(1).optional(),
  /** Which room (its id) within the account; without it the rule is for the whole account. */
  room: z.string().min(1).optional(),
  level: level.optional(),
  muteUntil: isoTime.optional(),
  keywords: z.array(z.string().min(1)).optional(),
  senders: z.array(z.string().min(1)).optional(),
});
export type Rule = z.infer<typeof rule>;

export const quietHours = z.strictObject({
  days: z.array(weekday).min(1, 'expected at least one weekday'),
  from: clockTime,
  to: clockTime,
});
export type QuietHours = z.infer<typeof quietHours>;

export const dnd = z.strictObject({
  /** Do-not-disturb switched on by hand until turned off. */
  on: z.boolean({ error: 'expected true or false' }).optional(),
  /** Do-not-disturb switched on by hand until this time. */
  until: isoTime.optional(),
  /** Which tray choice set `until` ("30m", "1h", "tomorrow-morning"): the tray checks it. */
  choice: z.enum(['30m', '1h', 'tomorrow-morning']).optional(),
  quietHours: z.array(quietHours).optional(),
  /** Show one summary of what was held back when do-not-disturb ends. */
  summary: z.boolean({ error: 'expected true or false' }).optional(),
  /**
   * Hold notifications back while the system's own do-not-disturb is on (KDE, GNOME, dunst,
   * macOS Focus, Windows Focus Assist); on when absent.
   */
  respectSystem: z.boolean({ error: 'expected true or false' }).optional(),
  /** Let mentions and direct messages through the system's do-not-disturb; off when absent. */
  mentionsThroughSystem: z.boolean({ error: 'expected true or false' }).optional(),
});
export type Dnd = z.infer<typeof dnd>;

const DAY_MS = 24 * 60 * 60 * 1000;

export const notificationSettings = z.strictObject({
  level: level.default('all'),
  rules: z.array(rule).default([]),
  dnd: dnd.default({}),
  coalesceMs: z
    .number({ error: 'expected a number of milliseconds' })
    .int('expected a whole number of milliseconds')
    .min(0, 'expected 0 or more milliseconds')
    .max(600_000, 'expected at most 600000 milliseconds (10 minutes)')
    .default(1000),
  keywords: z.array(z.string().min(1)).default([]),
  senders: z.array(z.string().min(1)).default([]),
  /** Events older than this when they arrive (catch-up after a long outage) never notify. */
  maxAgeMs: z.number().int().min(0).default(DAY_MS),
  /** IANA time zone for quiet hours; the system's when absent. */
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Europe/Berlin')
    .optional(),
  sound: z.boolean().default(true),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;
