// A list of settings objects edited as rows of fields (3D Repo models, Kuzzle subscriptions),
// with the whole list as JSON for experts. Each row keeps the object it was drawn from, so fields
// the row does not show (Kuzzle's `volatile`) stay.
import { applyBindings, boundField, read, renameField } from './bound-fields.js';
import { h } from './dom.js';
import { clone } from './paths.js';

/**
 * @typedef {import('./account-types.js').ListSpec} ListSpec
 * @typedef {import('./bound-fields.js').Binding} Binding
 * @typedef {import('./bound-fields.js').FieldError} FieldError
 * @typedef {Record<string, unknown>} Item
 */

/**
 * @param {ListSpec} spec
 * @param {Item[]} items the list as stored (entries `keep` says are not rows stay as they are)
 * @param {(item: Item) => boolean} isRow
 */
export function itemList(spec, items, isRow = () => true) {
  /** @type {{ original: Item, bindings: Binding[], element: HTMLElement }[]} */
  const rows = [];
  const body = h('div', { class: 'items' });
  const addButton = h(
    'button',
    { type: 'button', onclick: () => addRow({}).bindings[0]?.control.focus() },
    `Add ${spec.item.toLowerCase()}`,
  );

  /** @param {Item} original */
  function addRow(original) {
    const legend = h('legend', {});
    const bound = spec.fields.map((f) => boundField(f, original));
    /** @type {{ original: Item, bindings: Binding[], element: HTMLElement }} */
    const row = {
      original,
      bindings: bound.map((b) => b.binding),
      element: h('fieldset', { class: 'item' }, legend, ...bound.map((b) => b.element)),
    };
    const remove = h('button', { type: 'button', class: 'danger' }, '');
    remove.addEventListener('click', () => {
      drop(row);
      addButton.focus();
    });
    row.element.append(remove);
    rows.push(row);
    body.append(row.element);
    number();
    return row;
  }

  /** @param {{ original: Item, bindings: Binding[], element: HTMLElement }} row */
  function drop(row) {
    rows.splice(rows.indexOf(row), 1);
    row.element.remove();
    number();
    changed();
  }

  /** @type {Set<() => void>} */
  const listeners = new Set();
  const changed = () => listeners.forEach((listener) => listener());

  function number() {
    rows.forEach((row, i) => {
      const legend = /** @type {HTMLElement} */ (row.element.querySelector('legend'));
      legend.textContent = `${spec.item} ${i + 1}`;
      const remove = /** @type {HTMLElement} */ (row.element.querySelector(':scope > button'));
      remove.textContent = `Remove ${spec.item.toLowerCase()} ${i + 1}`;
    });
  }

  for (const item of items) if (isRow(item)) addRow(item);

  const json = h(
    'textarea',
    { name: `${spec.path}-json`, rows: 5, spellcheck: 'false' },
    items.length > 0 ? JSON.stringify(items, null, 2) : '',
  );
  const jsonInitial = read(json);

  /**
   * The rows as a list: `offset` is where the first row lands in the settings list (for the
   * field names errors come back with).
   * @param {number} offset
   * @returns {{ items: Item[], errors: FieldError[], fromJson: boolean }}
   */
  function collect(offset = 0) {
    if (read(json) !== jsonInitial) {
      try {
        const parsed = JSON.parse(String(read(json)) || '[]');
        return { items: parsed, errors: [], fromJson: true };
      } catch {
        return {
          items: [],
          errors: [{ field: `${spec.path}-json`, message: `expected JSON, e.g. ${spec.example}` }],
          fromJson: true,
        };
      }
    }
    /** @type {FieldError[]} */
    const errors = [];
    const collected = rows.map((row, i) => {
      const item = clone(row.original);
      for (const binding of row.bindings)
        renameField(binding.control, `${spec.path}[${offset + i}].${binding.spec.path}`);
      errors.push(...applyBindings(item, row.bindings, (b) => String(b.control.dataset.field)));
      return item;
    });
    return { items: collected, errors, fromJson: false };
  }

  /**
   * The rows as typed, each with a way to remove it: what the room picker ticks.
   * @returns {{ item: Item, remove(): void }[]}
   */
  function current() {
    return rows.map((row) => {
      const item = clone(row.original);
      applyBindings(item, row.bindings);
      return { item, remove: () => drop(row) };
    });
  }

  /** A row for `item` (the picker ticked a room). @param {Item} item */
  function add(item) {
    addRow(item);
    changed();
  }

  body.addEventListener('input', changed);
  /** @param {() => void} listener */
  const onChange = (listener) => listeners.add(listener);

  return { body, addButton, json, collect, current, add, onChange };
}
