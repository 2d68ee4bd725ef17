// The part of Elasticsearch's Query DSL that `document:search` bodies use here: match_all,
// bool (must, filter, should, must_not, minimum_should_match), range, term, terms, ids, exists.
// Kuzzle hands the query to Elasticsearch as it is; Elasticsearch refuses what it does not know,
// which Kuzzle reports as services.storage.unknown_query_keyword (a Koncorde keyword such as
// "equals" included). Fields are read as stored (no analysis): enough for keyword and date
// fields such as `_kuzzle_info.createdAt`, which is what catch-up asks about.
import { KuzzleError } from './errors.js';
import { fieldValue } from './koncorde.js';

type Source = Record<string, unknown>;
export type EsQuery = Record<string, unknown>;

/** The top-level search body keys Kuzzle lets through (`_sanitizeSearchBody`). */
export const SEARCH_BODY_KEYS = new Set([
  'aggregations',
  'aggs',
  'collapse',
  'explain',
  'fields',
  'from',
  'highlight',
  'query',
  'search_timeout',
  'size',
  'sort',
  '_name',
  '_source',
  '_source_excludes',
  '_source_includes',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clauses(value: unknown): EsQuery[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as EsQuery[];
}

function single(argument: unknown): [string, unknown] {
  const entries = isObject(argument) ? Object.entries(argument) : [];
  return entries[0] ?? ['', undefined];
}

/** Whether the query matches the stored document; throws for clauses Elasticsearch refuses. */
export function esMatches(query: EsQuery, doc: { _id: string; _source: Source }): boolean {
  const keys = Object.keys(query);
  if (keys.length !== 1)
    throw new KuzzleError('services.storage.unknown_query_keyword', [keys.join(',')]);
  const keyword = keys[0]!;
  const argument = query[keyword];
  switch (keyword) {
    case 'match_all':
      return true;
    case 'bool': {
      const b = (isObject(argument) ? argument : {}) as Record<string, unknown>;
      const must = [...clauses(b.must), ...clauses(b.filter)];
      const should = clauses(b.should);
      const minimum =
        typeof b.minimum_should_match === 'number'
          ? b.minimum_should_match
          : must.length === 0
            ? 1
            : 0;
      const shouldHits = should.filter((q) => esMatches(q, doc)).length;
      return (
        must.every((q) => esMatches(q, doc)) &&
        !clauses(b.must_not).some((q) => esMatches(q, doc)) &&
        (should.length === 0 || shouldHits >= minimum)
      );
    }
    case 'range': {
      const [field, bounds] = single(argument);
      const value = fieldValue(doc, field);
      if (typeof value !== 'number' || !isObject(bounds)) return false;
      const { gt, gte, lt, lte } = bounds as Partial<Record<string, number>>;
      return (
        (gt === undefined || value > gt) &&
        (gte === undefined || value >= gte) &&
        (lt === undefined || value < lt) &&
        (lte === undefined || value <= lte)
      );
    }
    case 'term': {
      const [field, expected] = single(argument);
      const value = isObject(expected) ? expected.value : expected;
      return fieldValue(doc, field) === value;
    }
    case 'terms': {
      const [field, values] = single(argument);
      return Array.isArray(values) && values.includes(fieldValue(doc, field));
    }
    case 'ids':
      return (
        isObject(argument) && Array.isArray(argument.values) && argument.values.includes(doc._id)
      );
    case 'exists': {
      const field = isObject(argument) ? argument.field : undefined;
      const value = typeof field === 'string' ? fieldValue(doc, field) : undefined;
      return value !== undefined && value !== null;
    }
    default:
      throw new KuzzleError('services.storage.unknown_query_keyword', [keyword]);
  }
}
