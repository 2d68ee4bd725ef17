import { createHash } from 'node:crypto';
import { KuzzleError } from './errors.js';

// A subset of Koncorde (protocol notes §6.2): equals, in, range, exists, missing, ids, regexp,
// and / or / not / bool. Filters are checked the way Kuzzle checks them (one keyword per level,
// unknown keywords refused with api.assert.koncorde_dsl_error) before they are ever evaluated.

export type Filter = Record<string, unknown>;
type Document = { _id?: string | undefined; _source: Record<string, unknown> };

const TERMS = new Set(['equals', 'in', 'range', 'exists', 'missing', 'ids', 'regexp']);
const OPERANDS = new Set(['and', 'or', 'not', 'bool']);
const BOOL_CLAUSES = new Set(['must', 'must_not', 'should', 'should_not']);
const RANGE_BOUNDS = new Set(['gt', 'gte', 'lt', 'lte']);

function dslError(message: string): KuzzleError {
  return new KuzzleError('api.assert.koncorde_dsl_error', [message]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKey(value: unknown, where: string): [string, unknown] {
  if (!isObject(value)) throw dslError(`"${where}" must be an object`);
  const entries = Object.entries(value);
  if (entries.length !== 1) throw dslError(`"${where}" must contain exactly one attribute`);
  return entries[0]!;
}

/** Throws api.assert.koncorde_dsl_error for anything Koncorde would refuse. */
export function validateFilter(filter: unknown, where = 'body'): void {
  if (!isObject(filter)) throw dslError(`"${where}" must be an object`);
  if (Object.keys(filter).length === 0 && where === 'body') return;
  const [keyword, argument] = onlyKey(filter, where);
  if (TERMS.has(keyword)) return validateTerm(keyword, argument);
  if (!OPERANDS.has(keyword)) throw dslError(`"${keyword}": unknown keyword`);
  if (keyword === 'not') return validateFilter(argument, keyword);
  if (keyword === 'bool') {
    if (!isObject(argument) || Object.keys(argument).length === 0)
      throw dslError('"bool" must be a non-empty object');
    for (const [clause, list] of Object.entries(argument)) {
      if (!BOOL_CLAUSES.has(clause)) throw dslError(`"bool": unknown attribute "${clause}"`);
      validateList(list, `bool.${clause}`);
    }
    return;
  }
  validateList(argument, keyword);
}

function validateList(list: unknown, where: string): void {
  if (!Array.isArray(list) || list.length === 0)
    throw dslError(`"${where}" must be a non-empty array`);
  for (const item of list) validateFilter(item, where);
}

function validateTerm(keyword: string, argument: unknown): void {
  if (keyword === 'exists' || keyword === 'missing') {
    if (typeof argument === 'string' && argument !== '') return;
    if (isObject(argument) && typeof argument.field === 'string') return;
    throw dslError(`"${keyword}" must be a non-empty string`);
  }
  if (keyword === 'ids') {
    const values = isObject(argument) ? argument.values : undefined;
    if (Array.isArray(values) && values.every((v) => typeof v === 'string')) return;
    throw dslError('"ids.values" must be an array of strings');
  }
  const [field, value] = onlyKey(argument, keyword);
  if (keyword === 'equals' && (value === null || typeof value !== 'object')) return;
  if (keyword === 'in') {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
      return;
    throw dslError(`"in.${field}" must be a non-empty array of strings`);
  }
  if (keyword === 'range') {
    const bounds = isObject(value) ? Object.entries(value) : [];
    if (bounds.length > 0 && bounds.every(([b, v]) => RANGE_BOUNDS.has(b) && typeof v === 'number'))
      return;
    throw dslError(`"range.${field}" must hold numeric gt, gte, lt or lte bounds`);
  }
  if (keyword === 'regexp') {
    const pattern = isObject(value) ? value.value : value;
    if (typeof pattern === 'string') return;
    throw dslError(`"regexp.${field}" must be a string or { value, flags }`);
  }
  throw dslError(`"${keyword}.${field}" must be a scalar`);
}

/** The value at a dotted path of `_source` (or the `_id`). */
export function fieldValue(document: Document, path: string): unknown {
  if (path === '_id') return document._id;
  let current: unknown = document._source;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * Whether a validated filter matches the document (its `_source`, plus `_id` for `ids`).
 * `not` is pushed down to the terms as Koncorde does, because a negated term has a rule of its
 * own there: `not regexp` tests any value that is there, as text (kuzzleio/koncorde:
 * lib/engine/matcher/matchNotRegexp.js), where `regexp` only tests strings.
 */
export function matches(filter: Filter, document: Document, negated = false): boolean {
  const entry = Object.entries(filter)[0];
  if (!entry) return !negated;
  const [keyword, argument] = entry;
  const list = (value: unknown) => value as Filter[];
  switch (keyword) {
    case 'and':
      return negated
        ? list(argument).some((f) => matches(f, document, true))
        : list(argument).every((f) => matches(f, document));
    case 'or':
      return negated
        ? list(argument).every((f) => matches(f, document, true))
        : list(argument).some((f) => matches(f, document));
    case 'not':
      return matches(argument as Filter, document, !negated);
    case 'bool': {
      // Koncorde's own rewrite (lib/transform/standardize.js: bool).
      const b = argument as Partial<Record<string, Filter[]>>;
      const and: Filter[] = [...(b.must ?? [])];
      if (b.must_not) and.push({ not: { or: b.must_not } });
      if (b.should) and.push({ or: b.should });
      if (b.should_not) and.push({ not: { and: b.should_not } });
      return matches({ and }, document, negated);
    }
    case 'exists':
      return exists(argument, document) !== negated;
    case 'missing':
      return exists(argument, document) === negated;
    case 'ids':
      return (
        (argument as { values: string[] }).values.includes(document._id ?? '\u0000') !== negated
      );
    default:
      return matchesTerm(keyword, argument as Record<string, unknown>, document, negated);
  }
}

function exists(argument: unknown, document: Document): boolean {
  const path = typeof argument === 'string' ? argument : (argument as { field: string }).field;
  // `tags["urgent"]`: the array at `tags` holds that (JSON-encoded) value.
  const element = /^(.*)\[(.*)\]$/.exec(path);
  if (element) {
    const array = fieldValue(document, element[1]!);
    return Array.isArray(array) && array.includes(JSON.parse(element[2]!));
  }
  return fieldValue(document, path) !== undefined;
}

function matchesTerm(
  keyword: string,
  argument: Record<string, unknown>,
  document: Document,
  negated: boolean,
): boolean {
  const [field, expected] = Object.entries(argument)[0]!;
  const actual = fieldValue(document, field);
  if (keyword === 'regexp') return matchesRegexp(expected, actual, negated);
  return matchesValue(keyword, expected, actual) !== negated;
}

function matchesValue(keyword: string, expected: unknown, actual: unknown): boolean {
  if (keyword === 'equals') return actual === expected;
  if (keyword === 'in') return (expected as string[]).includes(actual as string);
  if (keyword === 'range') {
    if (typeof actual !== 'number') return false;
    const b = expected as Partial<Record<'gt' | 'gte' | 'lt' | 'lte', number>>;
    return (
      (b.gt === undefined || actual > b.gt) &&
      (b.gte === undefined || actual >= b.gte) &&
      (b.lt === undefined || actual < b.lt) &&
      (b.lte === undefined || actual <= b.lte)
    );
  }
  return false;
}

function matchesRegexp(expected: unknown, actual: unknown, negated: boolean): boolean {
  const { value, flags } =
    typeof expected === 'string'
      ? { value: expected, flags: '' }
      : (expected as { value: string; flags?: string });
  const pattern = new RegExp(value, flags);
  if (negated) return actual === undefined || !pattern.test(String(actual));
  return typeof actual === 'string' && pattern.test(actual);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/**
 * A room id as deterministic as Kuzzle's (64 hex characters, same filter → same room, after a
 * restart too). Equal filters written with keys in another order share a room; Koncorde goes
 * further and also merges logically equivalent filters, which this subset does not.
 */
export function roomIdFor(index: string, collection: string, filter: Filter): string {
  return createHash('sha256')
    .update(JSON.stringify([index, collection, canonical(filter)]))
    .digest('hex');
}
