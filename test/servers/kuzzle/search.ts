// `document:search` and `document:scroll` as Kuzzle 2 answers them (kuzzleio/kuzzle:
// lib/api/controllers/documentController.js, lib/service/storage/7/elasticsearch.ts: search,
// scroll, _formatSearchResult, _sanitizeSearchBody): `{ hits, total }`, plus `scrollId` and
// `remaining` when a `scroll` duration is given. A cursor is a snapshot of the hits at search
// time, kept for its duration (at most `maxScrollDuration`, 1 m) and dropped after its last page.
import { randomUUID } from 'node:crypto';
import { KuzzleError } from './errors.js';
import { esMatches, SEARCH_BODY_KEYS, type EsQuery } from './es-query.js';

type Source = Record<string, unknown>;
interface Hit {
  _id: string;
  _score: number;
  _source: Source;
  index: string;
  collection: string;
}
interface Cursor {
  hits: Hit[];
  fetched: number;
  size: number;
  expiresAt: number;
}

/** Kuzzle's `limits.documentsFetchCount` and `services.storage.maxScrollDuration` defaults. */
const FETCH_LIMIT = 10_000;
const MAX_SCROLL_MS = 60_000;
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function durationMs(value: unknown): number {
  if (typeof value !== 'string')
    throw new KuzzleError('api.assert.invalid_type', ['scroll', 'string']);
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new KuzzleError('services.storage.scroll_duration_too_great', [value]);
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  if (ms > MAX_SCROLL_MS)
    throw new KuzzleError('services.storage.scroll_duration_too_great', [value]);
  return ms;
}

function integer(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new KuzzleError('api.assert.invalid_type', [name, 'integer']);
  return n;
}

export interface SearchArgs {
  index: string;
  collection: string;
  body: Source;
  from?: unknown;
  size?: unknown;
  scroll?: unknown;
}

export class SearchCursors {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly now: () => number) {}

  search(documents: Iterable<[string, Source]>, args: SearchArgs): Source {
    const from = integer(args.from, 'from', 0);
    const size = integer(args.size, 'size', 10);
    if (size - from > FETCH_LIMIT) throw new KuzzleError('services.storage.get_limit_exceeded');
    for (const key of Object.keys(args.body))
      if (!SEARCH_BODY_KEYS.has(key))
        throw new KuzzleError('services.storage.invalid_search_query', [key]);
    const query = args.body.query as EsQuery | undefined;
    const all: Hit[] = [];
    for (const [_id, _source] of documents) {
      const doc = { _id, _source };
      if (!query || Object.keys(query).length === 0 || esMatches(query, doc))
        all.push({ _id, _score: 1, _source, index: args.index, collection: args.collection });
    }
    const page = all.slice(from, from + size);
    if (args.scroll === undefined) return { hits: page, total: all.length };
    const ttl = durationMs(args.scroll);
    const scrollId = randomUUID();
    const cursor = {
      hits: all.slice(from),
      fetched: page.length,
      size,
      expiresAt: this.now() + ttl,
    };
    if (cursor.fetched < all.length) this.cursors.set(scrollId, cursor);
    return { hits: page, remaining: all.length - page.length, scrollId, total: all.length };
  }

  scroll(scrollId: unknown, scroll: unknown): Source {
    if (typeof scrollId !== 'string')
      throw new KuzzleError('api.assert.missing_argument', ['scrollId']);
    const cursor = this.cursors.get(scrollId);
    if (!cursor || cursor.expiresAt < this.now()) {
      this.cursors.delete(scrollId);
      throw new KuzzleError('services.storage.unknown_scroll_id');
    }
    const ttl = scroll === undefined ? 15_000 : durationMs(scroll);
    const page = cursor.hits.slice(cursor.fetched, cursor.fetched + cursor.size);
    cursor.fetched += page.length;
    cursor.expiresAt = this.now() + ttl;
    if (cursor.fetched >= cursor.hits.length) this.cursors.delete(scrollId);
    const total = cursor.hits.length;
    return { hits: page, remaining: total - cursor.fetched, scrollId, total };
  }

  clear(): void {
    this.cursors.clear();
  }
}
