// Times in the window are written in the zone the settings name (`notifications.timeZone`, the
// one quiet hours and the tray use), in the system's locale; the system's zone when none is set.
/** @type {string | undefined} */
let zone;
/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/** @param {string | undefined} timeZone */
export function useTimeZone(timeZone) {
  if ((timeZone || undefined) === zone) return;
  zone = timeZone || undefined;
  formats.clear();
}

/** @param {Intl.DateTimeFormatOptions} options */
export function dateTime(options) {
  const key = JSON.stringify(options);
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { ...options, ...(zone && { timeZone: zone }) });
    formats.set(key, found);
  }
  return found;
}

/** The calendar day of `ms` in the window's zone, as days since 1970. @param {number} ms */
function dayNumber(ms) {
  const parts = Object.fromEntries(
    dateTime({ year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
}

/**
 * When something happened, as a person says it: "Today, 5:12 AM", "Yesterday, 11:40 PM", else
 * "Dec 2, 2026, 5:12 AM" (the system's locale, the window's zone).
 * @param {number} ms @param {number} [now]
 */
export function whenWords(ms, now = Date.now()) {
  const days = dayNumber(now) - dayNumber(ms);
  const time = dateTime({ timeStyle: 'short' }).format(ms);
  if (days === 0 || days === 1) {
    const day = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-days, 'day');
    return `${day.charAt(0).toLocaleUpperCase()}${day.slice(1)}, ${time}`;
  }
  return dateTime({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
