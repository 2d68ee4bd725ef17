import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../app/core/json-depth.js';

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
