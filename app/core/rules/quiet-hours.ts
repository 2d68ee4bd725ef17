import type { QuietHours } from '../settings/notifications.js';
import { localTime, minutesOf, previousWeekday } from './local-time.js';

/**
 * Whether `at` falls in a weekly quiet-hours window. A window that ends earlier than it starts
 * (22:00–07:00) runs overnight and belongs to the day it starts on: Friday 22:00–07:00 covers
 * Saturday 03:00 even when Saturday is not listed.
 */
export function inQuietHours(
  windows: readonly QuietHours[],
  at: number,
  timeZone?: string,
): boolean {
  // Most people set no quiet hours; then no event pays for a time-zone conversion.
  if (windows.length === 0) return false;
  const now = localTime(at, timeZone);
  return windows.some((window) => {
    const from = minutesOf(window.from);
    const to = minutesOf(window.to);
    if (from === to) return false;
    if (from < to)
      return window.days.includes(now.weekday) && now.minutes >= from && now.minutes < to;
    const lateToday = window.days.includes(now.weekday) && now.minutes >= from;
    const earlyAfterYesterday =
      window.days.includes(previousWeekday(now.weekday)) && now.minutes < to;
    return lateToday || earlyAfterYesterday;
  });
}
