// Form controls bound to a settings path. A control the user did not touch leaves the value it
// was drawn from exactly as it was, so saving never loses or rewrites what the form does not show.
import { field, h } from './dom.js';
import { deletePath, getPath, setPath } from './paths.js';

/**
 * @typedef {import('./account-types.js').FieldSpec} FieldSpec
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control
 * @typedef {{ spec: FieldSpec, control: Control, initial: string | boolean, stored: boolean }} Binding
 * @typedef {{ field: string, message: string }} FieldError
 */

/** @param {Control} control @returns {string | boolean} */
export function read(control) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
  return control.value.trim();
}

/** @param {FieldSpec} spec @param {unknown} value @returns {string | boolean} */
function shown(spec, value) {
  switch (spec.kind) {
    case 'checkbox':
      return value !== false;
    case 'list':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : '';
  }
}

/**
 * A labelled control for `spec`, drawn from `source` (an account or one item of its list).
 * @param {FieldSpec} spec
 * @param {unknown} source
 * @param {{ stored?: boolean, field?: string }} [options]
 * @returns {{ binding: Binding, element: HTMLElement }}
 */
export function boundField(spec, source, options = {}) {
  const value = shown(spec, getPath(source, spec.path));
  const stored = options.stored === true;
  const name = spec.path;
  /** @type {Control} */
  let control;
  switch (spec.kind) {
    case 'checkbox':
      control = h('input', { type: 'checkbox', name, checked: value === true });
      break;
    case 'select':
      control = h(
        'select',
        { name },
        spec.required ? null : h('option', { value: '' }, 'Default'),
        ...(spec.options ?? []).map(([v, label]) =>
          h('option', { value: v, selected: v === value }, label),
        ),
      );
      break;
    case 'json':
      control = h('textarea', { name, rows: 3, spellcheck: 'false' }, String(value));
      break;
    case 'password':
      control = h('input', {
        type: 'password',
        name,
        autocomplete: 'off',
        placeholder: stored ? 'Saved: leave empty to keep it' : '',
      });
      break;
    case 'number':
      control = h('input', { type: 'number', name, min: 0, value: String(value) });
      break;
    default:
      control = h('input', { type: 'text', name, value: String(value), spellcheck: 'false' });
  }
  const label = spec.required && !stored ? `${spec.label} (required)` : spec.label;
  const element = field({ label, control, field: options.field ?? spec.path, help: spec.help });
  // A required choice the settings do not hold yet shows its first option: saving must write it
  // (a new Kuzzle account left on WebSocket), so it starts out as a change.
  const initial = spec.kind === 'select' && spec.required && value === '' ? '' : read(control);
  return { binding: { spec, control, initial, stored }, element };
}

/** @param {FieldSpec} spec @param {string} text @returns {unknown} */
function parse(spec, text) {
  if (spec.kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (spec.kind === 'number') return Number.isNaN(Number(text)) ? text : Number(text);
  if (spec.kind === 'json') return JSON.parse(text);
  return text;
}

/**
 * Writes what the user changed into `target`; untouched controls leave it alone. Returns the
 * errors the window can tell before asking main (a required field left empty, JSON that is not).
 * @param {Record<string, unknown>} target
 * @param {Binding[]} bindings
 * @param {(binding: Binding) => string} fieldOf the field name errors are shown beside
 * @returns {FieldError[]}
 */
export function applyBindings(target, bindings, fieldOf = (b) => b.spec.path) {
  /** @type {FieldError[]} */
  const errors = [];
  for (const binding of bindings) {
    const { spec, control, initial, stored } = binding;
    const now = read(control);
    if (spec.required && now === '' && !stored)
      errors.push({ field: fieldOf(binding), message: `enter the ${spec.label.toLowerCase()}` });
    if (now === initial) continue;
    if (now === '') deletePath(target, spec.path);
    else if (typeof now === 'boolean') setPath(target, spec.path, now);
    else
      try {
        setPath(target, spec.path, parse(spec, now));
      } catch {
        errors.push({
          field: fieldOf(binding),
          message: 'expected JSON, e.g. {"equals": {"status": "new"}}',
        });
      }
  }
  return errors;
}

/**
 * Renames a bound control's field (a list item moved) so errors find it.
 * @param {Control} control
 * @param {string} name
 */
export function renameField(control, name) {
  control.dataset.field = name;
  const line = document.getElementById(`${control.id}-error`);
  if (line) line.dataset.errorFor = name;
}
