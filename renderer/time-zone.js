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
