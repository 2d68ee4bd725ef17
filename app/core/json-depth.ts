/**
 * How deep a server's JSON may nest. Real payloads of every protocol here stay under 20 levels;
 * past this, code that walks or serialises a payload (JSON.stringify, templates, previews)
 * would recurse until the stack runs out.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` has objects or arrays nested more than `limit` deep; never recurses. */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Whether JSON text could nest more than `limit` deep: only if it has more than `limit` opening
 * brackets (those in strings count too, so this is an upper bound). A search for two characters
 * rather than a walk of the parsed value, which made a stack entry and an array per object.
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
