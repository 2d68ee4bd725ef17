import type { Dnd } from '../settings/notifications.js';
import { localTime } from './local-time.js';

export type DndChoice = 'off' | '30m' | '1h' | 'tomorrow-morning' | 'until-off';

/** The hour "until tomorrow morning" ends at, local time. */
export const MORNING_HOUR = 8;

/**
 * The manual do-not-disturb setting for a choice in the tray, made at `now`. Quiet hours and the
 * summary preference are kept as they were.
 */
export function applyDndChoice(
  current: Dnd,
  choice: DndChoice,
  now: number,
  timeZone?: string,
): Dnd {
  const { on: _on, until: _until, choice: _choice, ...kept } = current;
  switch (choice) {
    case 'off':
      return kept;
    case 'until-off':
      return { ...kept, on: true };
    case '30m':
      return { ...kept, until: new Date(now + 30 * 60_000).toISOString(), choice };
    case '1h':
      return { ...kept, until: new Date(now + 60 * 60_000).toISOString(), choice };
    case 'tomorrow-morning':
      return { ...kept, until: new Date(nextMorning(now, timeZone)).toISOString(), choice };
  }
}

/** Before this hour, "tomorrow morning" still means the coming morning: the night is not over. */
export const NIGHT_ENDS_HOUR = 5;

/**
 * The next MORNING_HOUR:00 local time on a later calendar day than `now`; chosen in the small
 * hours (before NIGHT_ENDS_HOUR), the morning of the same day, as a person means it at 3 a.m.
 */
export function nextMorning(now: number, timeZone?: string): number {
  const today = localTime(now, timeZone);
  const sameDay = today.minutes < NIGHT_ENDS_HOUR * 60;
  // Walk forward by hours: robust across DST changes without a time-zone database of our own.
  let candidate = now - (today.minutes % 60) * 60_000 - (now % 60_000);
  for (let i = 0; i < 72; i++) {
    candidate += 60 * 60_000;
    const t = localTime(candidate, timeZone);
    const laterDay = t.year !== today.year || t.month !== today.month || t.day !== today.day;
    if ((laterDay || sameDay) && t.minutes === MORNING_HOUR * 60) return candidate;
  }
  return now + 24 * 60 * 60_000;
}

/** Whether do-not-disturb was switched on by hand and is still on at `now`. */
export function manualDndActive(dnd: Dnd, now: number): boolean {
  if (dnd.on) return true;
  return dnd.until !== undefined && Date.parse(dnd.until) > now;
}
