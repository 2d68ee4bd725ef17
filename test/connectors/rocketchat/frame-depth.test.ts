import { describe, expect, it } from 'vitest';
import { frameNestsTooDeep } from '../../../app/connectors/rocketchat/frame-depth.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../app/core/json-depth.js';

/** `depth` levels of arrays around a number. */
const nestedJson = (depth: number): unknown =>
  JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);

/** `depth` levels alternating objects and arrays, as a Rocket.Chat frame nests them. */
function mixed(depth: number): unknown {
  let text = '"leaf"';
  for (let level = depth; level > 0; level--)
    text = level % 2 === 0 ? `{"k${level}":${text},"n":1}` : `[0,${text},null]`;
  return JSON.parse(text);
}

describe('frameNestsTooDeep', () => {
  it('counts objects and arrays, and lets flat values through', () => {
    expect(frameNestsTooDeep(5)).toBe(false);
    expect(frameNestsTooDeep(null)).toBe(false);
    expect(frameNestsTooDeep({ a: { b: [1, { c: 'x' }] } }, 4)).toBe(false);
    expect(frameNestsTooDeep({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(frameNestsTooDeep(nestedJson(MAX_JSON_DEPTH))).toBe(false);
    expect(frameNestsTooDeep(nestedJson(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('answers for 100,000 levels without running out of stack', () => {
    expect(frameNestsTooDeep(nestedJson(100_000))).toBe(true);
    expect(frameNestsTooDeep(mixed(100_000))).toBe(true);
  });

  it("gives core's answer on objects and arrays of every depth around the limit", () => {
    for (let depth = 0; depth <= MAX_JSON_DEPTH + 3; depth++) {
      const frame = { msg: 'changed', fields: { args: [mixed(depth)] } };
      expect(frameNestsTooDeep(frame), `depth ${depth}`).toBe(nestsDeeperThan(frame));
    }
  });
});
