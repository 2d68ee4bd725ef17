import type { Weekday } from '../settings/fields.js';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalTime {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

const MINUTE_MS = 60_000;
/** The last answer per time zone: events arrive in bursts within the same minute. */
const lastByZone = new Map<string, { minute: number; time: LocalTime }>();

/** The wall-clock time at `at` in `timeZone` (the system's when undefined). */
export function localTime(at: number, timeZone?: string): LocalTime {
  // Time-zone offsets are whole minutes, so every instant of one UTC minute has the same local
  // minute; Intl's formatToParts is the costly part of deciding an event.
  const minute = Math.floor(at / MINUTE_MS);
  const key = timeZone ?? '';
  const last = lastByZone.get(key);
  if (last?.minute === minute) return last.time;
  const time = formatLocalTime(at, timeZone);
  lastByZone.set(key, { minute, time });
  return time;
}

function formatLocalTime(at: number, timeZone: string | undefined): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    weekday: (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
  };
}

export function previousWeekday(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}

/** "07:30" → 450 */
export function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
