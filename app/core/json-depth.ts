/**
 * How deep a server's JSON may nest. Real payloads of every protocol here stay under 20 levels;
 * past this, code that walks or serialises a payload (JSON.stringify, templates, previews)
 * would recurse until the stack runs out.
 */
export const MAX_JSON_DEPTH = 64;

const hasOwnProperty = Object.prototype.hasOwnProperty;

/**
 * Whether `value` has objects or arrays nested more than `limit` deep (own enumerable values,
 * as `Object.values` sees them). Recursive but bounded: it never goes more than `limit` levels
 * down, however deep the value nests, so the stack it uses is set by `limit`, not by the input.
 * It allocates nothing: connectors check every frame, and an explicit stack of `[value, depth]`
 * pairs with an `Object.values` array per object was about 1 µs of young garbage per frame.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], limit - 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  // Own keys only: what a library hands over may inherit enumerable getters (a Buffer's
  // `parent`). hasOwnProperty.call, not Object.hasOwn: V8 turns the former into a shape check
  // inside for-in; the latter made the walk twice as slow.
  for (const key in object)
    if (hasOwnProperty.call(object, key) && nestsDeeperThan(object[key], limit - 1)) return true;
  return false;
}

/**
 * The same answer for `value` parsed from `text`, walking it only when the text has more than
 * `limit` opening brackets (almost never): a value cannot nest deeper than its text has brackets.
 */
export function parsedNestsDeeperThan(
  text: string,
  value: unknown,
  limit = MAX_JSON_DEPTH,
): boolean {
  return mayNestDeeperThan(text, limit) && nestsDeeperThan(value, limit);
}

/**
 * Whether JSON text could nest more than `limit` deep: only if it has more than `limit` opening
 * brackets (those in strings count too, so this is an upper bound). A search for two characters
 * rather than a walk of the parsed value.
 */
export function mayNestDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let openings = 0;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1))
    if (++openings > limit) return true;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1))
    if (++openings > limit) return true;
  return false;
}

/** "nested deeper than 64 levels": why a payload was not read. */
export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;
