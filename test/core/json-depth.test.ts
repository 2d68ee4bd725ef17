import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  mayNestDeeperThan,
  nestsDeeperThan,
  parsedNestsDeeperThan,
} from '../../app/core/json-depth.js';

/** `depth` levels of arrays around a number, parsed from text (building it would recurse). */
export function nestedJson(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

/** `depth` levels alternating objects and arrays, as a Rocket.Chat frame nests them, as text. */
function mixedText(depth: number): string {
  let text = '"leaf"';
  for (let level = depth; level > 0; level--)
    text = level % 2 === 0 ? `{"k${level}":${text},"n":1}` : `[0,${text},null]`;
  return text;
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, and lets flat values through', () => {
    expect(nestsDeeperThan(5)).toBe(false);
    expect(nestsDeeperThan(null)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: 'x' }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan(nestedJson(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nestedJson(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('answers for 100,000 levels without running out of stack', () => {
    expect(nestsDeeperThan(nestedJson(100_000))).toBe(true);
    expect(nestsDeeperThan(JSON.parse(mixedText(100_000)))).toBe(true);
  });

  it('answers right at every depth around the limit, objects and arrays mixed', () => {
    for (let depth = 0; depth <= MAX_JSON_DEPTH + 3; depth++) {
      const text = `{"msg":"changed","fields":{"args":[${mixedText(depth)}]}}`;
      // The frame, its fields and args are three levels around the mixed ones.
      const tooDeep = depth + 3 > MAX_JSON_DEPTH;
      expect(nestsDeeperThan(JSON.parse(text)), `depth ${depth}`).toBe(tooDeep);
      expect(parsedNestsDeeperThan(text, JSON.parse(text)), `text, depth ${depth}`).toBe(tooDeep);
    }
  });

  it('counts own values only, as Object.values does (a Buffer inherits an enumerable parent)', () => {
    expect(nestsDeeperThan({ bytes: Buffer.from('abc') }, 2)).toBe(false);
    expect(nestsDeeperThan(Object.create({ inherited: { deep: {} } }), 1)).toBe(false);
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

describe('parsedNestsDeeperThan', () => {
  it('walks text with many brackets: brackets in strings do not make it too deep', () => {
    const text = JSON.stringify({ text: '['.repeat(MAX_JSON_DEPTH * 2) });
    expect(mayNestDeeperThan(text)).toBe(true);
    expect(parsedNestsDeeperThan(text, JSON.parse(text))).toBe(false);
    const deep = `[${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}]`;
    expect(parsedNestsDeeperThan(deep, JSON.parse(deep))).toBe(true);
  });
});
