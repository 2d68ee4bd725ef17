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

describe('BoundedMap.swap', () => {
  it('sets the key as the newest and returns what it had, from either generation', () => {
    const map = new BoundedMap<string, number>(2);
    expect(map.swap('a', 1)).toBeUndefined();
    expect(map.swap('a', 2)).toBe(1);
    map.set('b', 0); // a and b move to the older generation
    expect(map.swap('a', 3)).toBe(2);
    expect(map.size).toBe(2);
    map.set('c', 0); // a (newest) and c now; b is dropped at the next turn
    map.set('d', 0);
    expect(map.get('a')).toBe(3);
    expect(map.has('b')).toBe(false);
  });
});

describe('BoundedMap.setIfAbsent', () => {
  it('sets a new key, and leaves a known one its value and its age', () => {
    const map = new BoundedMap<string, number>(2);
    expect(map.setIfAbsent('a', 1)).toBe(true);
    expect(map.setIfAbsent('a', 2)).toBe(false);
    map.set('b', 0); // a and b move to the older generation
    expect(map.setIfAbsent('a', 3)).toBe(false);
    expect(map.get('a')).toBe(1);
    expect(map.size).toBe(2);
    map.set('c', 0);
    map.set('d', 0); // a was not made newer, so it goes with b
    expect(map.has('a')).toBe(false);
    expect(map.setIfAbsent('a', 4)).toBe(true);
    expect(map.get('a')).toBe(4);
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
