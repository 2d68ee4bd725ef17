// The catch-up matcher must say of a stored document what Kuzzle's Koncorde says of the same
// write: checked here against the test server's Koncorde (test/servers/kuzzle/koncorde.ts) on
// thousands of generated filters and documents, and on the cases where Koncorde has a rule of
// its own (the expected values are what koncorde 4.7.0 answered, see the README).
import { describe, expect, it } from 'vitest';
import {
  compileFilter,
  UnsupportedFilter,
  type StoredDocument,
} from '../../../app/connectors/kuzzle/koncorde-match.js';
import { matches, validateFilter, type Filter } from '../../servers/kuzzle/koncorde.js';
import { seededRandom } from '../../support/seeded-random.js';

const random = seededRandom(19);
const below = (n: number) => Math.floor(random() * n);
const pick = <T>(values: readonly T[]): T => values[below(values.length)]!;
const FIELDS = ['a', 'b', 'c.d', 'tags', 'n'];
const WORDS = ['x', 'y', 'xy', 'Ruby'];

function term(): Filter {
  const field = pick(FIELDS);
  switch (below(7)) {
    case 0:
      return { equals: { [field]: pick([...WORDS, 1, 2, true, null]) } };
    case 1:
      return { in: { [field]: [pick(WORDS), pick(WORDS)] } };
    case 2:
      return { range: { [field]: pick([{ gte: 1 }, { gt: 0, lt: 2 }, { lte: 3 }]) } };
    case 3:
      return { exists: below(3) ? field : `tags[${JSON.stringify(pick(WORDS))}]` };
    case 4:
      return { missing: below(3) ? field : `tags[${JSON.stringify(pick(WORDS))}]` };
    case 5:
      return { ids: { values: [pick(['d1', 'd2'])] } };
    default:
      return { regexp: { [field]: pick(['^x', '^1', 'ru', { value: 'Y$', flags: 'i' }]) } };
  }
}

function filter(depth: number): Filter {
  if (depth === 0 || below(3) === 0) return term();
  switch (below(4)) {
    case 0:
      return { and: [filter(depth - 1), filter(depth - 1)] };
    case 1:
      return { or: [filter(depth - 1), filter(depth - 1)] };
    case 2:
      return { not: filter(depth - 1) };
    default: {
      const bool: Record<string, Filter[]> = {};
      for (const clause of ['must', 'must_not', 'should', 'should_not'])
        if (below(2)) bool[clause] = [filter(depth - 1)];
      if (Object.keys(bool).length === 0) bool.must = [filter(depth - 1)];
      return { bool };
    }
  }
}

function document(): StoredDocument {
  const value = () => pick([...WORDS, 0, 1, 2, 3, true, null, undefined, undefined]);
  const source: Record<string, unknown> = {};
  for (const field of ['a', 'b', 'n']) {
    const v = value();
    if (v !== undefined) source[field] = v;
  }
  if (below(2)) source.c = below(2) ? { d: value() ?? 'x' } : pick(['x', 3]);
  if (below(2)) source.tags = [pick(WORDS), pick(WORDS)];
  return { _id: pick(['d1', 'd2', 'd3']), _source: source };
}

describe('the catch-up Koncorde matcher', () => {
  it('agrees with the test server on 2,000 generated filters, 20 documents each', () => {
    const disagreements: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const f = filter(1 + below(3));
      validateFilter(f);
      const test = compileFilter(f);
      for (let j = 0; j < 20; j++) {
        const doc = document();
        if (test(doc) !== matches(f, doc))
          disagreements.push(`${JSON.stringify(f)} on ${JSON.stringify(doc)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each<[string, Filter, Record<string, unknown>, boolean]>([
    ['not regexp tests a number as text', { not: { regexp: { n: '^1' } } }, { n: 1 }, false],
    [
      'not regexp under bool.must_not',
      { bool: { must_not: [{ regexp: { n: 'ru' } }] } },
      { n: true },
      false,
    ],
    ['not regexp on a missing field', { not: { regexp: { n: '^1' } } }, {}, true],
    ['regexp needs a string', { regexp: { n: '^1' } }, { n: 1 }, false],
    ['not range on a string', { not: { range: { n: { gte: 1 } } } }, { n: 'x' }, true],
    ['exists on a null field', { exists: 'a' }, { a: null }, true],
    ['nested path', { equals: { 'c.d': 'x' } }, { c: { d: 'x' } }, true],
    ['exists on a nested object', { exists: 'c' }, { c: { d: 1 } }, true],
    ['array value', { exists: 'tags["x"]' }, { tags: ['y', 'x'] }, true],
    ['missing array value on a string', { missing: 'tags["x"]' }, { tags: 'x' }, true],
    ['equals never matches an array', { equals: { tags: 'x' } }, { tags: ['x'] }, false],
    ['ids on _id', { ids: { values: ['d1'] } }, {}, true],
    [
      'should_not needs one false',
      { bool: { should_not: [{ exists: 'a' }, { exists: 'b' }] } },
      { a: 1 },
      true,
    ],
  ])('%s (as koncorde 4.7.0 answers)', (_name, f, source, expected) => {
    expect(compileFilter(f)({ _id: 'd1', _source: source })).toBe(expected);
    expect(matches(f, { _id: 'd1', _source: source })).toBe(expected);
  });

  it.each(['geoDistance', 'geoBoundingBox', 'match', 'select'])(
    'refuses "%s", which it cannot test as Koncorde does, and says so',
    (keyword) => {
      const f = { and: [{ equals: { a: 'x' } }, { [keyword]: {} }] };
      expect(() => compileFilter(f)).toThrow(UnsupportedFilter);
      expect(() => compileFilter(f)).toThrow(`Tidings cannot test "${keyword}" filters itself`);
    },
  );
});
