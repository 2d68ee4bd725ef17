// For sources whose server replays nothing (3D Repo, Kuzzle), catch-up asks a query API what
// changed and turns each item into the event the live link would have sent. What every such
// source needs around that: fold one room's many items into one summary, and hand thousands of
// them over without holding the event loop.
import type { EventKind, EventRoom, TidingsEvent } from '../../core/events.js';
import { summaryBody, summaryTitle, type SummaryItem } from '../../core/pipeline/summary.js';
import { yieldToLoop } from '../../core/yield-to-loop.js';

/** Why a caught-up item that the room summary stands for does not notify by itself. */
export const IN_SUMMARY = 'missed while offline: in the room summary';

/** How many events are handed over between two yields to the event loop. */
export const EMIT_BATCH = 100;

/** What a source calls its summary and the items it stands for, in its users' words. */
export interface SummaryWords {
  /** "5 new tickets in Tower". */
  title(count: number, room: EventRoom, kinds: readonly EventKind[]): string;
  /** What the summary says of its newest item and the `earlier` ones (oldest first). */
  body(newest: TidingsEvent, earlier: readonly TidingsEvent[]): string;
  /** The history reason of each item the summary stands for. */
  inSummary: string;
}

/** The pipeline's own summary words: "3 new tickets in Tower", "bob: New ticket #12 …". */
export const ROOM_SUMMARY: SummaryWords = {
  title: summaryTitle,
  body: (newest, earlier) => foldedBody(newest, earlier),
  inSummary: IN_SUMMARY,
};

/** A summary's body in the pipeline's words: who and what of the newest, "and 2 more from …". */
export function foldedBody(newest: TidingsEvent, earlier: readonly TidingsEvent[]): string {
  const item = (event: TidingsEvent): SummaryItem => ({ ...event, author: event.author?.name });
  return summaryBody(item(newest), earlier.map(item), earlier.length + 1, newest.room);
}

/** Emits `events` in batches of `EMIT_BATCH`, yielding between them. */
export async function emitInBatches(
  events: readonly TidingsEvent[],
  emit: (event: TidingsEvent) => void,
): Promise<void> {
  for (let at = 0; at < events.length; at += EMIT_BATCH) {
    if (at > 0) await yieldToLoop();
    for (const event of events.slice(at, at + EMIT_BATCH)) emit(event);
  }
}

/**
 * One room's caught-up events, oldest first, as the pipeline should get them: all kept in
 * history; when more than one would notify, those go to history only and one summary shows
 * for them, else the one that would notify shows by itself. Items that are history only
 * already (an import still processing) or the user's own are neither counted nor shown, and
 * keep their own reason. Items the pipeline judges too old still go to history only (its
 * `maxAgeMs`); the summary is judged by its newest item.
 */
export function foldRoom(
  events: readonly TidingsEvent[],
  words: SummaryWords = ROOM_SUMMARY,
): TidingsEvent[] {
  const notable = events.filter((event) => !event.historyOnly && !event.ownMessage);
  if (notable.length <= 1) return events.map((event) => ({ ...event, catchUp: true }));
  const folded = events.map((event) => ({
    ...event,
    catchUp: true,
    ...(!event.historyOnly && { historyOnly: words.inSummary }),
  }));
  return [...folded, summaryOf(notable, words)];
}

/** Groups by room (in order of each room's first event) and folds each, oldest first. */
export function foldByRoom(
  events: readonly TidingsEvent[],
  words: SummaryWords = ROOM_SUMMARY,
): TidingsEvent[] {
  const rooms = new Map<string, TidingsEvent[]>();
  for (const event of events) {
    const list = rooms.get(event.room.id) ?? [];
    list.push(event);
    rooms.set(event.room.id, list);
  }
  return [...rooms.values()].flatMap((list) =>
    foldRoom(
      [...list].sort((a, b) => a.time - b.time),
      words,
    ),
  );
}

function summaryOf(notable: readonly TidingsEvent[], words: SummaryWords): TidingsEvent {
  const oldest = notable[0]!;
  const newest = notable.at(-1)!;
  const author = newest.author;
  return {
    account: newest.account,
    kind: newest.kind,
    // The newest item names it: a later catch-up with more items is a new summary.
    id: `catch-up:${newest.room.id}:${newest.id}`,
    time: newest.time,
    room: newest.room,
    // By someone only when one person did it all (so a rule on that sender still applies).
    ...(author &&
      notable.every((event) => event.author?.id === author.id) && { author: { ...author } }),
    title: words.title(
      notable.length,
      newest.room,
      notable.map((event) => event.kind),
    ),
    body: words.body(newest, notable.slice(0, -1)),
    mentionsUser: notable.some((event) => event.mentionsUser),
    ownMessage: false,
    // Where reading should start: the oldest missed item.
    ...(oldest.url !== undefined && { url: oldest.url }),
    catchUp: true,
  };
}
