import type { TidingsEvent } from './events.js';

/** What a notification, the tray and History show at most of a title and of a body. */
export const MAX_TITLE_CHARS = 256;
export const MAX_BODY_CHARS = 4_000;

/**
 * Characters that reorder or hide text: bidirectional embeddings, overrides and isolates
 * ("\u202Eecila" shows as "alice"), marks, word joiners, invisible operators, the BOM, and C0/C1
 * controls. Tab and newline are kept for bodies; names and titles turn them into spaces.
 */
const INVISIBLE =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** The joiners stay only where they join: emoji sequences (ZWJ) and letters (ZWNJ in Persian). */
const STRAY_JOINER =
  /(?<![\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/gu;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
/**
 * Whether cleanLine could change the text: anything INVISIBLE, STRAY_JOINER or LINE_BREAKS
 * match. Almost every name and title has none of them, and one scan without a capture is much
 * cheaper than three replacements (the joiner's look-arounds with Unicode classes above all).
 */
const LINE_UNCLEAN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** Whether cleanBody could change the text: INVISIBLE without the `g` flag (no lastIndex). */
const BODY_UNCLEAN = new RegExp(INVISIBLE.source);

/** A name or title as one clean line: nothing that reorders, hides or breaks it. */
export function cleanLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(STRAY_JOINER, '').replace(LINE_BREAKS, ' ');
}

/** At most `max` characters, the last being "…" when cut; never splits a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A copy that holds nothing of a longer string it was cut from. V8 keeps a slice as a view of
 * its whole original, so a 4,000-character body cut from a 1 MB one would keep the megabyte
 * alive for as long as the notification, its folded burst and history hold it.
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Cleans only what can be shown: a 1 MB body is cut before it is scanned. */
function shown(text: string, max: number, clean: (text: string) => string): string {
  if (text.length <= max) return clean(text);
  if (text.length <= max * 2) return detached(capText(clean(text), max));
  const cleaned = clean(text.slice(0, max * 2));
  return detached(cleaned.length < max ? `${cleaned}…` : capText(cleaned, max));
}

const cleanBody = (text: string) => text.replace(INVISIBLE, '');

/** Whether `shown` would give the text back as it is: short enough and nothing to clean. */
function showsAsIs(text: string, max: number, unclean: RegExp): boolean {
  return text.length <= max && !unclean.test(text);
}

const lineAsIs = (text: string | undefined) =>
  text === undefined || showsAsIs(text, MAX_TITLE_CHARS, LINE_UNCLEAN);

/**
 * The event as it may be shown: names and title cleaned, title and body capped. Applied once,
 * where every connector's events enter the pipeline, so no sink, history or tray sees more.
 * An event with nothing to clean or cap (nearly all) is given back as it is, not copied.
 */
export function displayable(event: TidingsEvent): TidingsEvent {
  const { room, author } = event;
  if (
    showsAsIs(event.body, MAX_BODY_CHARS, BODY_UNCLEAN) &&
    lineAsIs(event.title) &&
    lineAsIs(room.name) &&
    lineAsIs(author?.name)
  )
    return event;
  return {
    ...event,
    title: shown(event.title, MAX_TITLE_CHARS, cleanLine),
    body: shown(event.body, MAX_BODY_CHARS, cleanBody),
    room:
      room.name === undefined
        ? room
        : { ...room, name: shown(room.name, MAX_TITLE_CHARS, cleanLine) },
    ...(author && {
      author:
        author.name === undefined
          ? author
          : { ...author, name: shown(author.name, MAX_TITLE_CHARS, cleanLine) },
    }),
  };
}
