// How an account signs in: one set of fields per way its source supports, the chosen one shown,
// and 3D Repo's "Sign in with browser", which works before the account is first saved.
import { applyBindings, boundField } from './bound-fields.js';
import { h } from './dom.js';
import { deletePath, getPath, setPath } from './paths.js';

/**
 * @typedef {import('./account-types.js').AccountType} AccountType
 * @typedef {import('./bound-fields.js').FieldError} FieldError
 * @typedef {import('../app/ipc/contract.js').Outcome} Outcome
 */

/**
 * @param {{
 *   spec: AccountType,
 *   source: Record<string, unknown>,
 *   stored: Set<string>,
 *   existing: boolean,
 *   type: string,
 *   signInWithBrowser(server: string): Promise<Outcome>,
 *   serverOf(): string,
 * }} options
 */
export function signInSection({
  spec,
  source,
  stored,
  existing,
  type,
  signInWithBrowser,
  serverOf,
}) {
  const originalMethod = spec.methodOf(/** @type {any} */ (getPath(source, 'auth')));
  let method = existing ? originalMethod : (spec.signIns[0]?.method ?? 'none');
  let signedInWithBrowser = false;

  function browserButton() {
    const status = h(
      'p',
      { class: 'result', role: 'status' },
      stored.has('auth.cookie') ? 'Signed in: the session is saved.' : '',
    );
    const button = h(
      'button',
      { type: 'button', 'data-field': 'auth.cookie', 'aria-describedby': 'browser-error' },
      'Sign in with browser',
    );
    button.addEventListener('click', async () => {
      status.textContent = 'A sign-in window is open…';
      status.className = 'result';
      const answer = await signInWithBrowser(serverOf());
      status.textContent = answer.message;
      status.className = answer.ok ? 'result ok' : 'result failed';
      if (answer.ok) signedInWithBrowser = true;
    });
    return h(
      'div',
      { class: 'browser-sign-in' },
      button,
      h('p', { class: 'error', id: 'browser-error', 'data-error-for': 'auth.cookie' }),
      status,
    );
  }

  const methods = spec.signIns.map((signIn) => {
    const own = signIn.method === originalMethod && existing;
    const bound = signIn.fields.map((f) =>
      boundField(f, own ? source : { type }, { stored: own && stored.has(f.path) }),
    );
    const box = h(
      'div',
      { class: 'sign-in-fields', hidden: signIn.method !== method },
      signIn.help ? h('p', { class: 'help' }, signIn.help) : null,
      signIn.method === 'browser' ? browserButton() : null,
      ...bound.map((b) => b.element),
    );
    return { signIn, bindings: bound.map((b) => b.binding), box };
  });

  const picker =
    spec.signIns.length > 1
      ? h(
          'div',
          { class: 'methods', role: 'radiogroup', 'aria-label': 'Sign in with' },
          ...spec.signIns.map((signIn) =>
            h(
              'label',
              { class: 'method' },
              h('input', {
                type: 'radio',
                name: 'sign-in',
                value: signIn.method,
                checked: signIn.method === method,
                onchange: () => {
                  method = signIn.method;
                  for (const m of methods) m.box.hidden = m.signIn.method !== method;
                },
              }),
              ` ${signIn.label}`,
            ),
          ),
        )
      : null;

  /**
   * Writes the chosen sign-in into `account`: a way changed starts `auth` afresh.
   * @param {Record<string, unknown>} account
   * @returns {FieldError[]}
   */
  function apply(account) {
    /** @type {FieldError[]} */
    const errors = [];
    const fresh = method !== originalMethod || !existing;
    if (fresh) deletePath(account, 'auth');
    if (method === 'browser') {
      if (!getPath(account, 'auth.cookie') && !stored.has('auth.cookie') && !signedInWithBrowser)
        errors.push({ field: 'auth.cookie', message: 'sign in with the browser first' });
      else if (fresh) setPath(account, 'auth.cookie', '');
    }
    const chosen = methods.find((m) => m.signIn.method === method);
    if (chosen) errors.push(...applyBindings(account, chosen.bindings));
    return errors;
  }

  // A source with one way in and nothing to fill (the webhook inbox: its token is its own field)
  // shows no empty "Sign in" box.
  const nothingToAsk = spec.signIns.length === 1 && spec.signIns[0]?.fields.length === 0;
  const element = h(
    'fieldset',
    { class: 'sign-in', hidden: nothingToAsk && method !== 'browser' },
    h('legend', {}, 'Sign in'),
    picker,
    ...methods.map((m) => m.box),
  );
  return { element, apply };
}
