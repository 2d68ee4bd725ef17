import { describe, expect, it } from 'vitest';
import { formatTime } from '../../app/core/format-time.js';

const at = Date.UTC(2026, 0, 5, 14, 30); // a Monday
// ICU writes "2:30 PM" with a narrow no-break space; a user reads a space.
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('formatTime: a time of day as the user’s locale writes it', () => {
  it.each([
    ['en-GB', '14:30'],
    ['en-US', '2:30 PM'],
    ['de-DE', '14:30'],
  ])('%s → %s', (locale, expected) => {
    expect(spaced(formatTime(at, { locale, timeZone: 'UTC' }))).toBe(expected);
  });

  it('in the settings time zone', () => {
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('15:30');
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'America/New_York' })).toBe('09:30');
  });

  it('names the weekday only when the time is on another day than `relativeTo`', () => {
    const sameDay = Date.UTC(2026, 0, 5, 9, 0);
    const nextDay = Date.UTC(2026, 0, 6, 8, 0);
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'UTC', relativeTo: sameDay })).toBe('14:30');
    expect(formatTime(nextDay, { locale: 'en-GB', timeZone: 'UTC', relativeTo: at })).toBe(
      'Tue 08:00',
    );
    // Late on Monday in UTC is already Tuesday in Tokyo.
    expect(
      formatTime(Date.UTC(2026, 0, 5, 16, 0), {
        locale: 'en-GB',
        timeZone: 'Asia/Tokyo',
        relativeTo: sameDay,
      }),
    ).toBe('Tue 01:00');
  });
});
