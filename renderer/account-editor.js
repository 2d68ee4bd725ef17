// The account form, in a modal dialog over the list: it opens where the user is looking, with
// focus on its first field, whatever the list's length.
import { ACCOUNT_TYPES, idFromName } from './account-types.js';
import { ask } from './ask.js';
import { applyBindings, boundField } from './bound-fields.js';
import { announce, h, showErrors, uniqueId } from './dom.js';
import { listSection } from './list-section.js';
import { signInSection } from './sign-in-section.js';
import { clone, getPath } from './paths.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../app/ipc/contract.js').AccountView} AccountView
 * @typedef {import('../app/ipc/contract.js').AccountForm} AccountForm
 * @typedef {import('./bound-fields.js').Binding} Binding
 * @typedef {import('./bound-fields.js').FieldError} FieldError
 */

/**
 * @param {{ bridge: TidingsBridge, snapshot: AppSnapshot, existing?: AccountView, focus?: string, onClose(saved: boolean): void }} options
 */
export function openAccountEditor({ bridge, snapshot, existing, focus, onClose }) {
  const titleId = uniqueId('editor-title');
  const title = existing ? `Edit ${existing.name}` : 'Add an account';
  const dialog = h('dialog', { class: 'editor', 'aria-labelledby': titleId });
  const body = h('div', { class: 'editor-body' });
  const formError = h('p', { class: 'error', role: 'alert' });
  const result = h('p', { class: 'result', role: 'status' });
  const stored = new Set(existing?.storedSecrets ?? []);
  const taken = new Set(snapshot.accounts.map((a) => a.id).filter((id) => id !== existing?.id));
  let type = existing?.type ?? snapshot.supportedTypes[0] ?? 'rocketchat';
  /** @type {() => { account: Record<string, unknown>, errors: FieldError[] }} */
  let collect = () => ({ account: {}, errors: [] });
  let initial = '';

  const typePicker = existing
    ? null
    : h(
        'fieldset',
        { class: 'types' },
        h('legend', {}, 'Type'),
        ...snapshot.supportedTypes.map((t) => {
          const hintId = uniqueId('type-hint');
          const radio = h('input', {
            type: 'radio',
            name: 'type',
            value: t,
            checked: t === type,
            'aria-describedby': hintId,
            onchange: () => {
              type = t;
              draw();
            },
          });
          return h(
            'div',
            { class: 'type-choice' },
            h('label', {}, radio, ` ${ACCOUNT_TYPES[t]?.label ?? t}`),
            h('p', { class: 'help', id: hintId }, ACCOUNT_TYPES[t]?.hint ?? ''),
          );
        }),
      );

  function draw() {
    const spec = ACCOUNT_TYPES[type];
    if (!spec) return;
    const source = existing?.form ?? { type };
    const name = boundField(
      { path: 'name', label: 'Name', help: 'How Tidings shows this account, e.g. Work chat' },
      source,
    );
    const enabled = boundField(
      { path: 'enabled', label: 'Connect this account', kind: 'checkbox' },
      source,
    );
    const own = spec.fields.map((f) => boundField(f, source, { stored: stored.has(f.path) }));
    const advanced = spec.advanced.map((f) => boundField(f, source));
    const id = boundField(
      {
        path: 'id',
        label: 'Account id',
        required: true,
        help: 'Made from the name; the settings file knows the account by it. Letters, digits, ".", "_" or "-".',
      },
      source,
    );
    const idControl = /** @type {HTMLInputElement} */ (id.binding.control);
    if (!existing) {
      let idEdited = false;
      idControl.addEventListener('input', () => (idEdited = true));
      const nameControl = name.binding.control;
      const follow = () => {
        if (!idEdited) idControl.value = idFromName(String(nameControl.value), taken);
      };
      nameControl.addEventListener('input', follow);
      follow();
    }

    const signIn = signInSection({
      spec,
      source,
      stored,
      existing: Boolean(existing),
      type,
      signInWithBrowser: (server) =>
        bridge.signInWithBrowser({ server, ...(existing && { id: existing.id }) }),
      serverOf: () =>
        String(
          /** @type {HTMLInputElement | null} */ (dialog.querySelector('[data-field="server"]'))
            ?.value ?? '',
        ).trim(),
    });

    const listPart = spec.list
      ? listSection({
          spec: spec.list,
          type,
          source,
          before: getPath(existing?.form ?? {}, spec.list.path),
          find: () =>
            bridge.findRooms({
              account: /** @type {AccountForm} */ (collect().account),
              ...(existing && { previousId: existing.id }),
            }),
          auto: existing?.state === 'online',
        })
      : null;

    collect = () => {
      const account = existing
        ? clone(/** @type {Record<string, unknown>} */ (existing.form))
        : { type };
      const errors = applyBindings(account, [
        name.binding,
        enabled.binding,
        id.binding,
        ...own.map((b) => b.binding),
        ...advanced.map((b) => b.binding),
      ]);
      errors.push(...signIn.apply(account));
      if (listPart) errors.push(...listPart.apply(account));
      return { account, errors };
    };

    const parts = /** @type {(Node | null)[]} */ ([
      ...(typePicker
        ? [typePicker]
        : [
            h(
              'p',
              { class: 'type-shown' },
              `${ACCOUNT_TYPES[type]?.label ?? type}: ${ACCOUNT_TYPES[type]?.hint ?? ''}`,
            ),
          ]),
      name.element,
      ...own.map((b) => b.element),
      signIn.element,
      listPart?.element ?? null,
      enabled.element,
      h(
        'details',
        { class: 'advanced' },
        h('summary', {}, 'Advanced'),
        id.element,
        ...advanced.map((b) => b.element),
        ...(listPart?.advanced ?? []),
      ),
    ]);
    body.replaceChildren(...parts.filter((p) => p !== null));
    initial = JSON.stringify(collect().account);
  }

  const dirty = () => JSON.stringify(collect().account) !== initial;

  /** @param {boolean} saved */
  function close(saved) {
    dialog.close();
    dialog.remove();
    onClose(saved);
  }

  async function cancel() {
    if (
      dirty() &&
      !(await ask({
        title: 'Unsaved changes',
        message: `Your changes to ${existing ? existing.name : 'the new account'} are not saved.`,
        yes: 'Discard changes',
        no: 'Keep editing',
      }))
    )
      return;
    close(false);
  }

  /** @returns {AccountForm | undefined} */
  function checked() {
    const { account, errors } = collect();
    showErrors(dialog, errors, formError);
    return errors.length > 0 ? undefined : /** @type {AccountForm} */ (account);
  }

  async function save() {
    const account = checked();
    if (!account) return;
    const answer = await bridge.saveAccount({
      account,
      ...(existing && { previousId: existing.id }),
    });
    if (!answer.ok) {
      showErrors(dialog, answer.errors, formError);
      return;
    }
    announce(`Saved ${String(account.name || account.id)}.`);
    close(true);
  }

  async function test() {
    const account = checked();
    if (!account) return;
    result.textContent = 'Testing…';
    result.className = 'result';
    const answer = await bridge.testConnection({
      account,
      ...(existing && { previousId: existing.id }),
    });
    result.textContent = answer.message;
    result.className = answer.ok ? 'result ok' : 'result failed';
  }

  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    void cancel();
  });
  dialog.append(
    h('h2', { id: titleId }, title),
    body,
    formError,
    result,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: save }, 'Save account'),
      h('button', { type: 'button', onclick: test }, 'Test connection'),
      h('button', { type: 'button', onclick: cancel }, 'Cancel'),
    ),
  );
  draw();
  document.body.append(dialog);
  dialog.showModal();
  const target = /** @type {HTMLElement | null} */ (
    (focus && dialog.querySelector(`[data-field="${CSS.escape(focus)}"]`)) ||
      dialog.querySelector('input, select, textarea')
  );
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
  return { dirty };
}
