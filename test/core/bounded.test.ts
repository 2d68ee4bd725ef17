import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../app/core/bounded-map.js';
import { BoundedSet } from '../../app/core/bounded-set.js';

describe('BoundedMap', () => {
  it('keeps at least the newest `limit` keys and at most twice that', () => {
    const map = new BoundedMap<number, string>(100);
    for (let i = 0; i < 1_000; i++) map.set(i, `v${i}`);
    for (let i = 900; i < 1_000; i++) expect(map.get(i)).toBe(`v${i}`);
    expect(map.has(0)).toBe(false);
    expect(map.size).toBeGreaterThanOrEqual(100);
    expect(map.size).toBeLessThanOrEqual(200);
  });

  it('keeps a key that is set again as the newest', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('kept', 1);
    for (let i = 0; i < 20; i++) {
      map.set(`other${i}`, i);
      map.set('kept', i);
    }
    expect(map.get('kept')).toBe(19);
  });
});

describe('BoundedSet', () => {
  it('says whether a value is new, and forgets only the oldest', () => {
    const set = new BoundedSet<string>(2);
    expect(set.add('a')).toBe(true);
    expect(set.add('a')).toBe(false);
    for (const v of ['b', 'c', 'd', 'e']) set.add(v);
    expect(set.has('e') && set.has('d')).toBe(true);
    expect(set.has('a')).toBe(false);
    expect(set.add('a')).toBe(true);
  });
});
