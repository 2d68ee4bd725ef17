import { MAX_JSON_DEPTH } from '../../core/json-depth.js';

/**
 * Whether a parsed frame has objects or arrays nested more than `limit` deep: the same answer
 * as core's `nestsDeeperThan`, without allocating. That one keeps a stack of `[value, depth]`
 * pairs and an `Object.values` array per object, which on a stream of frames made it the
 * connector's largest cost per frame after `JSON.parse` (about 1 µs, mostly young-generation
 * garbage). Recursion is safe here: it stops at `limit` levels, whatever the frame's depth.
 * For JSON.parse's output: plain objects and arrays, no inherited enumerable keys.
 */
export function frameNestsTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (frameNestsTooDeep(value[i], limit - 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) if (frameNestsTooDeep(object[key], limit - 1)) return true;
  return false;
}
