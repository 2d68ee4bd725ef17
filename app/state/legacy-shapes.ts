import { z } from 'zod';
import type { HistoryEntry } from '../core/pipeline/history-store.js';
import type { RoomUnread } from '../core/pipeline/unread.js';

/**
 * What the JSON files before the state database held: the CLI wrote a bare list, the desktop
 * app (electron-store) `{ "entries": list }`. Both are read, whichever folder they are found in.
 */
const room = z.looseObject({ id: z.string(), type: z.string() });
const event = z.looseObject({
  account: z.string(),
  kind: z.string(),
  id: z.string(),
  time: z.number(),
  room,
  title: z.string(),
  body: z.string(),
});
const historyEntry = z.looseObject({
  seq: z.number(),
  receivedAt: z.number(),
  event,
  decision: z.string(),
  reason: z.string(),
});
const roomUnread = z.strictObject({
  account: z.string(),
  room: z.string(),
  count: z.number().int().min(0),
  mentions: z.number().int().min(0),
});

function listOrEntries<T extends z.ZodType>(item: T) {
  const list = z.array(item);
  return z
    .union([list, z.strictObject({ entries: list })])
    .transform((value) => (Array.isArray(value) ? value : value.entries));
}

export const legacyHistory = listOrEntries(historyEntry) as unknown as z.ZodType<HistoryEntry[]>;
export const legacyUnread = listOrEntries(roomUnread) as z.ZodType<RoomUnread[]>;
