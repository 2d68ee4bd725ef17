import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, mayNestDeeperThan, nestsDeeperThan } from '../../app/core/json-depth.js';

/** `depth` levels of arrays around a number, parsed from text (building it would recurse). */
export function nestedJson(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, and lets flat values through', () => {
    expect(nestsDeeperThan(5)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: 'x' }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestsDeeperThan(nestedJson(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nestedJson(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('answers for 100,000 levels without running out of stack', () => {
    expect(nestsDeeperThan(nestedJson(100_000))).toBe(true);
  });
});

describe('mayNestDeeperThan', () => {
  it('clears text with too few brackets to nest that deep, and leaves the rest to the walk', () => {
    const deepest = `${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(mayNestDeeperThan(deepest)).toBe(false);
    expect(mayNestDeeperThan(`[${deepest}]`)).toBe(true);
    // Brackets of either kind count, wherever they are.
    expect(mayNestDeeperThan('{"a":[{"b":"[{"}]}', 4)).toBe(true);
    expect(mayNestDeeperThan('{"a":[{"b":"["}]}', 4)).toBe(false);
    expect(mayNestDeeperThan('{"a":1}', 0)).toBe(true);
  });
});
