// Building the DOM without innerHTML: every piece of text from a server or a setting goes in as
// text, never as markup.

/**
 * @typedef {string | number | boolean | undefined | null | ((event: Event) => void)} AttrValue
 * @typedef {Node | string | number | null | undefined | false} Child
 */

/**
 * An element with attributes (`on<event>` adds a listener) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

let nextId = 0;
/** @param {string} prefix */
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * A labelled control with its error line: the label names the control, the error is read out with
 * it (aria-describedby) and shows beside it. A `unit` ("seconds") shows after the control and is
 * read out with it too.
 * @param {{ label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, field: string, help?: string, unit?: string }} options
 */
export function field({ label, control, field: name, help, unit }) {
  const id = control.id || uniqueId('field');
  control.id = id;
  control.dataset.field = name;
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': name });
  const hint = help ? h('p', { class: 'help', id: `${id}-help` }, help) : null;
  control.setAttribute(
    'aria-describedby',
    [unit ? `${id}-unit` : '', hint ? `${id}-help` : '', `${id}-error`].join(' ').trim(),
  );
  const shown = unit
    ? h(
        'span',
        { class: 'with-unit' },
        control,
        h('span', { class: 'unit', id: `${id}-unit` }, unit),
      )
    : control;
  return h('div', { class: 'field' }, h('label', { for: id }, label), shown, hint, error);
}

/**
 * Shows each error beside its field (matched by `data-field`); errors without a field go to
 * `fallback`. Returns how many were shown.
 * @param {ParentNode} root
 * @param {{ field: string, message: string }[]} errors
 * @param {HTMLElement} fallback
 * @param {{ focus?: boolean }} [options] focus the first field in error (not while saving as you go)
 */
export function showErrors(root, errors, fallback, options = {}) {
  for (const node of root.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of root.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  fallback.textContent = '';
  let first = /** @type {HTMLElement | null} */ (null);
  for (const error of errors) {
    const control = /** @type {HTMLElement | null} */ (
      root.querySelector(`[data-field="${CSS.escape(error.field)}"]`)
    );
    const line = root.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
    if (control && line) {
      line.textContent = error.message;
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else
      fallback.textContent = [
        fallback.textContent,
        `${error.field || 'settings'}: ${error.message}`,
      ]
        .filter(Boolean)
        .join('\n');
  }
  if (options.focus !== false) first?.focus();
  return errors.length;
}

/** @param {string} message */
export function announce(message) {
  const region = document.getElementById('announce');
  if (region) region.textContent = message;
}
