import { localTime } from '../core/rules/local-time.js';
import { manualDndActive } from '../core/rules/dnd.js';
import type { Dnd } from '../core/settings/notifications.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "until turned off", "until 13:30", "until Tue 08:00"; `active` is false when it is off. */
export function dndSummary(dnd: Dnd, now: number, timeZone?: string) {
  const active = manualDndActive(dnd, now);
  if (!active) return { active, on: false, label: 'off' };
  if (dnd.on || dnd.until === undefined) return { active, on: true, label: 'until turned off' };
  const end = localTime(Date.parse(dnd.until), timeZone);
  const today = localTime(now, timeZone);
  const clock = `${pad(Math.floor(end.minutes / 60))}:${pad(end.minutes % 60)}`;
  const sameDay = end.day === today.day && end.month === today.month && end.year === today.year;
  const weekday = end.weekday.charAt(0).toUpperCase() + end.weekday.slice(1);
  return { active, on: false, label: `until ${sameDay ? '' : `${weekday} `}${clock}` };
}
