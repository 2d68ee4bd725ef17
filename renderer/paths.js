// Reading and writing a settings object by dotted path (`auth.password`), as the settings
// schema's field errors name them.

/**
 * @param {unknown} object
 * @param {string} path
 * @returns {unknown}
 */
export function getPath(object, path) {
  /** @type {unknown} */
  let value = object;
  for (const part of path.split('.'))
    value =
      value && typeof value === 'object'
        ? /** @type {Record<string, unknown>} */ (value)[part]
        : undefined;
  return value;
}

/**
 * @param {Record<string, unknown>} object
 * @param {string} path
 * @param {unknown} value
 */
export function setPath(object, path, value) {
  const parts = path.split('.');
  let target = object;
  for (const part of parts.slice(0, -1)) {
    if (!target[part] || typeof target[part] !== 'object') target[part] = {};
    target = /** @type {Record<string, unknown>} */ (target[part]);
  }
  target[/** @type {string} */ (parts.at(-1))] = value;
}

/**
 * Removes the value at `path`, and any object left empty on the way.
 * @param {Record<string, unknown>} object
 * @param {string} path
 */
export function deletePath(object, path) {
  const [head, ...rest] = path.split('.');
  if (head === undefined || !(head in object)) return;
  if (rest.length === 0) {
    delete object[head];
    return;
  }
  const inner = object[head];
  if (!inner || typeof inner !== 'object') return;
  deletePath(/** @type {Record<string, unknown>} */ (inner), rest.join('.'));
  if (Object.keys(inner).length === 0) delete object[head];
}

/** @template T @param {T} value @returns {T} */
export const clone = (value) => /** @type {T} */ (structuredClone(value));
