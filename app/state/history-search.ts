import type { DatabaseSync } from 'node:sqlite';
import { searchableText, type HistoryEntry } from '../core/pipeline/history-store.js';

/** The SQL function a history search filters by: `history_matches(entry, text, escaped)`. */
export const HISTORY_MATCHES = 'history_matches';

/**
 * History search without an index: the rows are scanned newest first and a page stops as soon as
 * it is full. An index cost every event its upkeep (FTS5's trigram index: ~17 µs to add an entry
 * and as much again to drop one, and with `contentless_delete=1` ~140 µs to drop one); a scan
 * costs only the search. Matching is `searchableText(entry).includes(text)`, both lower case.
 *
 * Most rows are turned down without parsing their JSON: a text found in the lower-cased title,
 * body, room or author is also found, JSON-escaped, in the lower-cased JSON of the entry (escapes
 * are lower case and lower-casing makes no quote, backslash or control character; the fields'
 * edges, a quote in JSON and a newline in the search text, end a word alike for the Greek final
 * sigma). Only what passes that test is parsed and matched exactly. A text with a newline can span
 * two fields, so it skips the quick test.
 */
export function registerHistorySearch(db: DatabaseSync): void {
  db.function(HISTORY_MATCHES, { deterministic: true }, (entry, text, escaped) => {
    if (typeof entry !== 'string' || typeof text !== 'string' || typeof escaped !== 'string')
      return 0;
    if (!entry.toLowerCase().includes(escaped)) return 0;
    const parsed = JSON.parse(entry) as Omit<HistoryEntry, 'seq'>;
    return searchableText({ seq: 0, ...parsed }).includes(text) ? 1 : 0;
  });
}

/** The arguments after `entry` for a search for `text` (any case). */
export function searchArguments(text: string): [lower: string, escaped: string] {
  const lower = text.toLowerCase();
  return [lower, lower.includes('\n') ? '' : JSON.stringify(lower).slice(1, -1)];
}
