import { localTime } from './rules/local-time.js';

export interface TimeFormat {
  /** A BCP 47 tag ("en-GB", "de"); the system's when undefined. */
  locale?: string;
  /** An IANA zone, as in the notification settings; the system's when undefined. */
  timeZone?: string;
  /** When set and `ms` falls on another day than this, the weekday goes in front: "Tue 08:00". */
  relativeTo?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the locale writes a 24-hour clock ("09:30"), where the hour has two digits. */
function twentyFourHour(locale: string | undefined): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

function formatter(locale: string | undefined, timeZone: string | undefined, weekday: boolean) {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${weekday}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: twentyFourHour(locale) ? '2-digit' : 'numeric',
      minute: '2-digit',
      ...(weekday && { weekday: 'short' }),
    });
    formatters.set(key, found);
  }
  return found;
}

function sameDay(a: number, b: number, timeZone?: string): boolean {
  const x = localTime(a, timeZone);
  const y = localTime(b, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/**
 * A time of day the way the user's locale writes it: "14:30" in en-GB, "2:30 PM" in en-US.
 * The tray and the window both say times through this, so they agree.
 */
export function formatTime(ms: number, format: TimeFormat = {}): string {
  const { locale, timeZone, relativeTo } = format;
  const weekday = relativeTo !== undefined && !sameDay(ms, relativeTo, timeZone);
  return formatter(locale, timeZone, weekday).format(ms);
}
