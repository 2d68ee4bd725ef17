import { openAccountEditor } from '../account-editor.js';
import { typeLabel } from '../account-types.js';
import { ask } from '../ask.js';
import { announce, field, h } from '../dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../../app/ipc/contract.js').AccountView} AccountView
 * @typedef {import('../../app/ipc/contract.js').AccountAction} AccountAction
 */

/** @param {PageContext} context */
export function renderAccounts({ bridge, snapshot, root }) {
  let current = snapshot;
  /** @type {{ dirty(): boolean } | undefined} */
  let editor;
  const list = h('ul', { class: 'accounts', 'aria-label': 'Accounts' });
  const addButton = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => edit(undefined, addButton) },
    'Add account',
  );
  root.append(h('h2', {}, 'Accounts'), addButton, list);

  /**
   * @param {AccountView | undefined} existing
   * @param {HTMLElement} opener
   * @param {string} [focus] the field to start in
   */
  function edit(existing, opener, focus) {
    editor = openAccountEditor({
      bridge,
      snapshot: current,
      ...(existing && { existing }),
      ...(focus && { focus }),
      onClose: () => {
        editor = undefined;
        // The list may have been redrawn meanwhile: find the opener again by its name.
        const again = existing
          ? list.querySelector(`[data-account="${CSS.escape(existing.id)}"] .edit`)
          : addButton;
        /** @type {HTMLElement} */ (again ?? opener).focus();
      },
    });
  }

  /** @param {AccountView} account */
  async function remove(account) {
    const forget = h('input', { type: 'checkbox', name: 'forget-history', id: 'forget-history' });
    const sure = await ask({
      title: `Remove ${account.name}?`,
      message: h(
        'p',
        {},
        `Tidings stops listening to ${account.name} and deletes its settings and the sign-in kept in your keyring. Nothing changes on the server.`,
      ),
      extra: h(
        'p',
        { class: 'check' },
        forget,
        h('label', { for: 'forget-history' }, ' Also delete its notification history'),
      ),
      yes: 'Remove account',
      no: 'Keep account',
      danger: true,
    });
    if (!sure) return;
    announce(
      (await bridge.removeAccount({ id: account.id, forgetHistory: forget.checked })).message,
    );
    addButton.focus();
  }

  /** @param {AccountView} account */
  function row(account) {
    /** @param {AccountAction} action */
    const act = (action) => async () =>
      announce((await bridge.accountAction({ id: account.id, action })).message);
    const failedSignIn = account.state === 'auth-failed';
    const unread =
      account.unread.count > 0
        ? `${account.unread.count} unread${account.unread.mentions > 0 ? `, ${account.unread.mentions} mentioning you` : ''}`
        : 'Nothing unread';
    const details = Object.entries(account.details ?? {});
    const editButton = h(
      'button',
      {
        type: 'button',
        class: 'edit',
        'aria-label': `Edit ${account.name}`,
        onclick: () => edit(account, editButton),
      },
      'Edit',
    );
    /** @type {HTMLButtonElement} */
    const signInAgain = h('button', { type: 'button', class: 'primary' }, 'Sign in again');
    signInAgain.addEventListener('click', () =>
      account.type === '3drepo' && !hasAuthField(account, 'username')
        ? void bridge.signInWithBrowser({ id: account.id }).then((a) => announce(a.message))
        : edit(account, signInAgain, signInField(account)),
    );
    return h(
      'li',
      { class: `account state-${account.state}`, 'data-account': account.id },
      h(
        'h3',
        { class: 'account-name' },
        account.name,
        h('span', { class: 'type' }, ` ${typeLabel(account.type)}`),
      ),
      h('p', { class: 'status', 'data-status-for': account.id }, account.statusText),
      h('p', { class: 'unread' }, unread),
      details.length > 0 &&
        h(
          'details',
          { class: 'details' },
          h('summary', {}, 'Connection details'),
          ...details.map(([key, value]) => h('p', { class: 'detail' }, `${key}: ${value}`)),
        ),
      failedSignIn && /two-factor/.test(account.statusText) && twoFactor(account),
      h(
        'div',
        { class: 'actions' },
        failedSignIn && signInAgain,
        editButton,
        account.paused
          ? h('button', { type: 'button', onclick: act('reconnect') }, 'Resume')
          : h('button', { type: 'button', onclick: act('pause') }, 'Pause'),
        !account.paused &&
          account.state !== 'online' &&
          account.state !== 'disabled' &&
          h('button', { type: 'button', onclick: act('reconnect') }, 'Reconnect now'),
        account.unread.count > 0 &&
          h('button', { type: 'button', onclick: act('mark-read') }, 'Mark all as read'),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'aria-label': `Remove ${account.name}`,
            onclick: () => void remove(account),
          },
          'Remove',
        ),
      ),
    );
  }

  /** The code the server asked for, typed where the status says so. @param {AccountView} account */
  function twoFactor(account) {
    const code = h('input', {
      type: 'text',
      name: 'two-factor-code',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
    });
    const send = async () => {
      if (code.value.trim())
        announce(
          (await bridge.sendTwoFactorCode({ id: account.id, code: code.value.trim() })).message,
        );
    };
    code.addEventListener('keydown', (event) => {
      if (/** @type {KeyboardEvent} */ (event).key === 'Enter') void send();
    });
    return h(
      'div',
      { class: 'two-factor' },
      field({
        label: 'Two-factor code',
        control: code,
        field: 'two-factor-code',
        help: 'From your authenticator app or the email your server sent.',
      }),
      h('button', { type: 'button', class: 'primary', onclick: send }, 'Sign in with the code'),
    );
  }

  /** @param {AppSnapshot} next */
  function renderList(next) {
    current = next;
    // Keep focus on the same button when a fresh snapshot redraws the list.
    const active = document.activeElement;
    const where =
      active instanceof HTMLElement && list.contains(active)
        ? {
            account: active.closest('[data-account]')?.getAttribute('data-account'),
            label: active.textContent,
          }
        : undefined;
    list.replaceChildren(
      ...(next.accounts.length > 0
        ? next.accounts.map(row)
        : [
            h(
              'li',
              { class: 'empty' },
              h('p', { class: 'empty-title' }, 'No accounts yet.'),
              h(
                'p',
                {},
                'Choose “Add account” and pick where your messages come from: Rocket.Chat, 3D Repo, Dino, Kuzzle, ntfy, Gotify, an MQTT topic or a webhook. Tidings then shows what arrives there as desktop notifications.',
              ),
            ),
          ]),
    );
    if (where?.account) {
      const again = [
        ...list.querySelectorAll(`[data-account="${CSS.escape(where.account)}"] button`),
      ].find((b) => b.textContent === where.label);
      /** @type {HTMLElement | undefined} */ (again)?.focus();
    }
  }

  /**
   * The tray's "Fix sign-in…" (`signIn`): the account's editor, focus on its sign-in; else its
   * row, scrolled to, focus on its Edit button.
   * @param {import('../../app/ipc/contract.js').WindowTarget} target
   */
  function open(target) {
    const account = current.accounts.find((a) => a.id === target.account);
    const rowOf = list.querySelector(`[data-account="${CSS.escape(target.account ?? '')}"]`);
    const editButton = /** @type {HTMLElement | null} */ (rowOf?.querySelector('.edit') ?? null);
    if (!account || !editButton) return announce(`There is no account "${target.account}".`);
    if (editor) return;
    if (target.signIn) edit(account, editButton, signInField(account));
    else {
      editButton.scrollIntoView({ block: 'nearest' });
      editButton.focus();
    }
  }

  renderList(snapshot);
  return { update: renderList, dirty: () => editor?.dirty() ?? false, open };
}

/**
 * The field a new sign-in starts in: 3D Repo's "Sign in with browser", else the secret the
 * keyring holds (the password, the token). @param {AccountView} account
 */
function signInField(account) {
  if (account.type === '3drepo' && !hasAuthField(account, 'username')) return 'auth.cookie';
  return account.storedSecrets[0] ?? 'auth.password';
}

/** @param {AccountView} account @param {string} name */
function hasAuthField(account, name) {
  const auth = account.form.auth;
  return typeof auth === 'object' && auth !== null && name in auth;
}
