import { ACCOUNT_FIELDS, getPath, setPath } from '../account-fields.js';
import { announce, field, h, showErrors } from '../dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../../app/ipc/contract.js').AccountView} AccountView
 * @typedef {import('../../app/ipc/contract.js').AccountForm} AccountForm
 * @typedef {import('../account-fields.js').FieldSpec} FieldSpec
 */

/** @param {PageContext} context */
export function renderAccounts({ bridge, snapshot, root }) {
  const list = h('ul', { class: 'accounts', 'aria-label': 'Accounts' });
  const editor = h('section', { class: 'editor', 'aria-label': 'Account editor' });
  const addButton = h(
    'button',
    { type: 'button', onclick: () => openEditor(undefined) },
    'Add account',
  );
  root.append(h('h2', {}, 'Accounts'), list, addButton, editor);

  /** @param {AccountView} account */
  function row(account) {
    /** @param {'reconnect' | 'pause' | 'mark-read'} action */
    const act = (action) => async () =>
      announce((await bridge.accountAction({ id: account.id, action })).message);
    const unread = account.unread.count > 0 ? `${account.unread.count} unread` : 'nothing unread';
    return h(
      'li',
      { class: `account state-${account.state}`, 'data-account': account.id },
      h('div', { class: 'account-name' }, h('strong', {}, account.name), ` (${account.type})`),
      h('div', { class: 'status', 'data-status-for': account.id }, account.statusText),
      h('div', { class: 'unread' }, unread),
      Object.entries(account.details ?? {}).map(([key, value]) =>
        h('div', { class: 'detail' }, `${key}: ${value}`),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => openEditor(account),
            'aria-label': `Edit ${account.name}`,
          },
          'Edit',
        ),
        h(
          'button',
          { type: 'button', onclick: act('reconnect') },
          account.paused ? 'Resume' : 'Reconnect',
        ),
        h('button', { type: 'button', onclick: act('pause'), disabled: account.paused }, 'Pause'),
        h('button', { type: 'button', onclick: act('mark-read') }, 'Mark all as read'),
        account.type === '3drepo' &&
          h(
            'button',
            {
              type: 'button',
              onclick: async () =>
                announce((await bridge.signInWithBrowser({ id: account.id })).message),
            },
            'Sign in with browser',
          ),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: async () => announce((await bridge.removeAccount({ id: account.id })).message),
          },
          'Remove',
        ),
      ),
    );
  }

  /** @param {AppSnapshot} next */
  function renderList(next) {
    list.replaceChildren(
      ...(next.accounts.length > 0
        ? next.accounts.map(row)
        : [h('li', {}, 'No accounts yet: add one to start.')]),
    );
  }

  /** @param {AccountView | undefined} existing */
  function openEditor(existing) {
    editor.replaceChildren();
    const types = existing ? [existing.type] : snapshot.supportedTypes;
    const typeSelect = h(
      'select',
      { name: 'type', disabled: Boolean(existing) },
      ...types.map((t) => h('option', { value: t }, t)),
    );
    const fieldsBox = h('div', { class: 'fields' });
    const result = h('p', { class: 'result', role: 'status' });
    const formError = h('p', { class: 'error', role: 'alert' });
    /** @type {Map<string, { spec: FieldSpec, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement }>} */
    const controls = new Map();
    const stored = new Set(existing?.storedSecrets ?? []);

    function fillFields() {
      controls.clear();
      const specs = ACCOUNT_FIELDS[typeSelect.value] ?? [];
      fieldsBox.replaceChildren(
        ...specs.map((spec) => {
          const value = existing ? getPath(existing.form, spec.path) : undefined;
          const control = makeControl(spec, value, stored.has(spec.path));
          controls.set(spec.path, { spec, control });
          return field({
            label: spec.required ? `${spec.label} (required)` : spec.label,
            control,
            field: spec.path,
            help: spec.help,
          });
        }),
      );
    }

    /** @returns {AccountForm | undefined} */
    function collect() {
      /** @type {Record<string, unknown>} */
      const account = { type: typeSelect.value };
      /** @type {{ field: string, message: string }[]} */
      const errors = [];
      for (const { spec, control } of controls.values()) {
        const raw =
          control instanceof HTMLInputElement && control.type === 'checkbox'
            ? control.checked
            : control.value.trim();
        if (spec.kind === 'checkbox') {
          if (raw === false) setPath(account, spec.path, false);
          continue;
        }
        const text = /** @type {string} */ (raw);
        if (text === '' && spec.kind === 'password' && stored.has(spec.path))
          setPath(account, spec.path, '');
        else if (text === '' && !spec.required) continue;
        else if (spec.kind === 'list')
          setPath(
            account,
            spec.path,
            text
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        else if (spec.kind === 'json') {
          try {
            setPath(account, spec.path, JSON.parse(text));
          } catch {
            errors.push({
              field: spec.path,
              message: 'expected JSON, e.g. [{"index": "shop", "collection": "orders"}]',
            });
          }
        } else setPath(account, spec.path, text);
      }
      showErrors(editor, errors, formError);
      return errors.length > 0 ? undefined : /** @type {AccountForm} */ (account);
    }

    async function save() {
      const account = collect();
      if (!account) return;
      const answer = await bridge.saveAccount({
        account,
        ...(existing && { previousId: existing.id }),
      });
      if (answer.ok) {
        editor.replaceChildren();
        announce(`Saved ${String(account.id)}.`);
        addButton.focus();
      } else showErrors(editor, answer.errors, formError);
    }

    async function test() {
      const account = collect();
      if (!account) return;
      result.textContent = 'Testing…';
      const answer = await bridge.testConnection({
        account,
        ...(existing && { previousId: existing.id }),
      });
      result.textContent = answer.message;
      result.className = answer.ok ? 'result ok' : 'result failed';
    }

    typeSelect.addEventListener('change', fillFields);
    editor.append(
      h('h3', {}, existing ? `Edit ${existing.name}` : 'Add an account'),
      field({ label: 'Type', control: typeSelect, field: 'type' }),
      fieldsBox,
      formError,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: save }, 'Save account'),
        h('button', { type: 'button', onclick: test }, 'Test connection'),
        h('button', { type: 'button', onclick: () => editor.replaceChildren() }, 'Cancel'),
      ),
      result,
    );
    fillFields();
    typeSelect.focus();
  }

  renderList(snapshot);
  return { update: renderList };
}

/**
 * @param {FieldSpec} spec
 * @param {unknown} value
 * @param {boolean} stored
 */
function makeControl(spec, value, stored) {
  const name = spec.path;
  switch (spec.kind) {
    case 'checkbox':
      return h('input', { type: 'checkbox', name, checked: value !== false });
    case 'select':
      return h(
        'select',
        { name },
        ...(spec.options ?? []).map((o) => h('option', { value: o, selected: o === value }, o)),
      );
    case 'json':
      return h(
        'textarea',
        { name, rows: 4, spellcheck: 'false' },
        value === undefined ? '' : JSON.stringify(value, null, 2),
      );
    case 'list':
      return h('input', {
        type: 'text',
        name,
        value: Array.isArray(value) ? value.join(', ') : '',
      });
    case 'password':
      return h('input', {
        type: 'password',
        name,
        autocomplete: 'off',
        placeholder: stored ? 'Stored securely: leave empty to keep' : '',
      });
    default:
      return h('input', {
        type: 'text',
        name,
        value: typeof value === 'string' ? value : '',
        required: spec.required,
      });
  }
}
