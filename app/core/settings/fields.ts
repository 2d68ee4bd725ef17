import { z } from 'zod';

/** Building blocks of the settings schema whose errors say what was expected, in words. */

export function urlWithSchemes(schemes: readonly string[]) {
  const listed = schemes.map((s) => `${s}://`);
  const wanted =
    listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  // "an mqtt://", "an http://", "a ws://": the article follows how the letters are spoken.
  const article = /^[aefhilmnorsx]/i.test(schemes[0] ?? '') ? 'an' : 'a';
  const message = `expected ${article} ${wanted} URL`;
  return z.string({ error: message }).refine((value) => {
    try {
      const url = new URL(value);
      return schemes.includes(url.protocol.slice(0, -1)) && url.hostname !== '';
    } catch {
      return false;
    }
  }, message);
}

export const nonEmptyString = (what = 'a non-empty string') =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, `expected ${what}`);

/** A secret written in the file, read from an environment variable, or printed by a command. */
export const secret = z.union(
  [
    z.string().min(1, 'expected a non-empty secret'),
    z.strictObject({ env: nonEmptyString('the name of an environment variable') }),
    z.strictObject({ command: nonEmptyString('a command that prints the secret') }),
  ],
  { error: 'expected a string, { "env": "NAME" } or { "command": "…" }' },
);
export type Secret = z.infer<typeof secret>;

export const isoTime = z.iso.datetime({
  offset: true,
  error: 'expected a date and time such as 2026-01-05T18:00:00Z',
});

export const clockTime = z
  .string({ error: 'expected a time of day as HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM');

export const level = z.enum(['all', 'mentions', 'none'], {
  error: 'expected "all", "mentions" or "none"',
});
export type Level = z.infer<typeof level>;

export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], {
  error: 'expected a weekday: mon, tue, wed, thu, fri, sat or sun',
});
export type Weekday = z.infer<typeof weekday>;

export const linkTemplate = z
  .string({ error: 'expected a URL template such as https://example.com/rooms/{group_id}' })
  .regex(/^https?:\/\//, 'expected a URL template starting with http:// or https://');
