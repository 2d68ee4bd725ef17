// Tests a stored document against a subscription's Koncorde filter, the way Kuzzle decides
// which rooms a write notifies (notes §5.4, §6): on the document's `_source` plus its `_id`,
// flattened to dotted paths. Written from Koncorde 4's own source (kuzzleio/koncorde:
// lib/transform/standardize.js, lib/engine/matcher/*.js, lib/util/Flatten.ts) because the
// `koncorde` package itself needs three native addons built on install (re2,
// boost-geospatial-index, kuzzle-espresso-logic-minimizer), which Tidings does not ship.
//
// `not` is pushed down to the terms as Koncorde does (De Morgan), so each negated term keeps
// Koncorde's own rule: `not range` matches a field that is not a number, `not regexp` tests the
// field's text whatever its type. Geo terms, `match` and `select` are not tested here: a filter
// using them is refused with an UnsupportedFilter saying which keyword.

type Flat = Record<string, unknown>;
type Test = (document: Flat) => boolean;

export interface StoredDocument {
  _id: string;
  _source: Record<string, unknown>;
}

/** A filter this matcher cannot test the way Kuzzle would; the message says which keyword. */
export class UnsupportedFilter extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFilter';
  }
}

const UNSUPPORTED = new Set([
  'geoBoundingBox',
  'geoDistance',
  'geoDistanceRange',
  'geoPolygon',
  'match',
  'select',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** Koncorde's flattenObject: every nested object's fields also under their dotted path. */
function flatten(target: Record<string, unknown>, output: Flat = {}, prefix = ''): Flat {
  for (const [key, value] of Object.entries(target)) {
    const path = prefix ? `${prefix}.${key}` : key;
    output[path] = value;
    if (isPlainObject(value)) flatten(value, output, path);
  }
  return output;
}

function onlyEntry(value: unknown, keyword: string): [string, unknown] {
  const entries = isPlainObject(value) ? Object.entries(value) : [];
  if (entries.length !== 1) throw new UnsupportedFilter(`"${keyword}" must hold one field`);
  return entries[0]!;
}

function list(value: unknown, keyword: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject))
    throw new UnsupportedFilter(`"${keyword}" must be a non-empty array of filters`);
  return value;
}

const all =
  (tests: Test[]): Test =>
  (d) =>
    tests.every((t) => t(d));
const any =
  (tests: Test[]): Test =>
  (d) =>
    tests.some((t) => t(d));

/** and / or, with `negated` turning one into the other over negated members (De Morgan). */
function combine(filters: Record<string, unknown>[], conjunction: boolean, negated: boolean): Test {
  const tests = filters.map((f) => compile(f, negated));
  return conjunction !== negated ? all(tests) : any(tests);
}

function compile(filter: Record<string, unknown>, negated: boolean): Test {
  const keys = Object.keys(filter);
  if (keys.length === 0) return () => !negated;
  if (keys.length > 1) throw new UnsupportedFilter(`one keyword per level, not ${keys.join(', ')}`);
  const keyword = keys[0]!;
  const argument = filter[keyword];
  if (UNSUPPORTED.has(keyword))
    throw new UnsupportedFilter(`Tidings cannot test "${keyword}" filters itself`);
  switch (keyword) {
    case 'and':
      return combine(list(argument, keyword), true, negated);
    case 'or':
      return combine(list(argument, keyword), false, negated);
    case 'not':
      if (!isPlainObject(argument)) throw new UnsupportedFilter('"not" must hold a filter');
      return compile(argument, !negated);
    case 'bool':
      return compileBool(argument, negated);
    case 'nothing':
      return () => negated;
    case 'equals': {
      const [field, value] = onlyEntry(argument, keyword);
      return negated ? (d) => d[field] !== value : (d) => d[field] === value;
    }
    case 'in': {
      const [field, values] = onlyEntry(argument, keyword);
      if (!Array.isArray(values)) throw new UnsupportedFilter(`"in.${field}" must be an array`);
      return negated ? (d) => !values.includes(d[field]) : (d) => values.includes(d[field]);
    }
    case 'ids': {
      const values = isPlainObject(argument) ? argument.values : undefined;
      if (!Array.isArray(values)) throw new UnsupportedFilter('"ids.values" must be an array');
      return negated ? (d) => !values.includes(d._id) : (d) => values.includes(d._id);
    }
    case 'range':
      return compileRange(argument, negated);
    case 'exists':
    case 'missing':
      return compileExists(argument, keyword, keyword === 'missing' ? !negated : negated);
    case 'regexp':
      return compileRegexp(argument, negated);
    default:
      throw new UnsupportedFilter(`"${keyword}" is not a Koncorde keyword`);
  }
}

/** Koncorde's bool: and(must…, not(or(must_not)), or(should), not(and(should_not))). */
function compileBool(argument: unknown, negated: boolean): Test {
  if (!isPlainObject(argument) || Object.keys(argument).length === 0)
    throw new UnsupportedFilter('"bool" must be a non-empty object');
  const parts: Record<string, unknown>[] = [];
  for (const [clause, filters] of Object.entries(argument)) {
    const members = list(filters, `bool.${clause}`);
    if (clause === 'must') parts.push(...members);
    else if (clause === 'must_not') parts.push({ not: { or: members } });
    else if (clause === 'should') parts.push({ or: members });
    else if (clause === 'should_not') parts.push({ not: { and: members } });
    else throw new UnsupportedFilter(`"bool" has no "${clause}" clause`);
  }
  return combine(parts, true, negated);
}

function compileRange(argument: unknown, negated: boolean): Test {
  const [field, bounds] = onlyEntry(argument, 'range');
  if (!isPlainObject(bounds)) throw new UnsupportedFilter(`"range.${field}" must hold bounds`);
  const { gt, gte, lt, lte } = bounds as Partial<Record<string, number>>;
  const inside = (value: number) =>
    (gt === undefined || value > gt) &&
    (gte === undefined || value >= gte) &&
    (lt === undefined || value < lt) &&
    (lte === undefined || value <= lte);
  return (d) => {
    const value = d[field];
    if (typeof value !== 'number') return negated;
    return inside(value) !== negated;
  };
}

/** `"tags"` or `{ field: "tags" }`; `tags["urgent"]` asks whether the array holds that value. */
function compileExists(argument: unknown, keyword: string, negated: boolean): Test {
  const path = typeof argument === 'string' ? argument : isPlainObject(argument) && argument.field;
  if (typeof path !== 'string' || path === '')
    throw new UnsupportedFilter(`"${keyword}" must name a field`);
  const element = /^(.*?[^\\])\[(.*)]$/.exec(path);
  if (!element) {
    const field = path.replace(/\\([[\]])/g, '$1');
    return negated ? (d) => d[field] === undefined : (d) => d[field] !== undefined;
  }
  const field = element[1]!.replace(/\\([[\]])/g, '$1');
  let value: unknown;
  try {
    value = JSON.parse(element[2]!);
  } catch {
    throw new UnsupportedFilter(`"${keyword}" holds an invalid array value (${element[2]})`);
  }
  return (d) => {
    const array = d[field];
    return (Array.isArray(array) && array.includes(value)) !== negated;
  };
}

function compileRegexp(argument: unknown, negated: boolean): Test {
  const [field, spec] = onlyEntry(argument, 'regexp');
  const { value, flags } = isPlainObject(spec)
    ? { value: spec.value, flags: spec.flags }
    : { value: spec, flags: undefined };
  if (typeof value !== 'string') throw new UnsupportedFilter(`"regexp.${field}" must be a pattern`);
  let pattern: RegExp;
  try {
    pattern = new RegExp(value, typeof flags === 'string' ? flags : undefined);
  } catch (error) {
    throw new UnsupportedFilter(`"regexp.${field}": ${(error as Error).message}`);
  }
  if (!negated) return (d) => typeof d[field] === 'string' && pattern.test(d[field]);
  return (d) => d[field] === undefined || !pattern.test(String(d[field]));
}

/**
 * The filter as a test of stored documents; throws UnsupportedFilter for what it cannot test
 * as Koncorde would (geo terms, `match`, `select`) or cannot read at all.
 */
export function compileFilter(filter: Record<string, unknown>): (doc: StoredDocument) => boolean {
  const test = compile(filter, false);
  return (doc) => test(flatten({ ...doc._source, _id: doc._id }));
}
