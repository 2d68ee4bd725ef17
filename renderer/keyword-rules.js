// Rules that match words or people rather than a place: "messages with 'deploy' in Dino count as
// mentions". Accounts and rooms by name; the ids stay in the values.
import { h, uniqueId } from './dom.js';
import { LEVEL_WORDS, isPlaceRule } from './room-rules.js';

/**
 * @typedef {import('../app/ipc/contract.js').AccountView} AccountView
 * @typedef {import('../app/ipc/contract.js').RoomChoice} RoomChoice
 * @typedef {import('../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 * @typedef {import('../app/core/settings/notifications.js').Rule} Rule
 * @typedef {(change: (n: NotificationSettings) => NotificationSettings, said: string) => void} Patch
 */

/** @param {string} text */
const list = (text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The k-th keyword rule replaced (or removed, with `undefined`; appended when k is past the end).
 * @param {readonly Rule[]} rules
 * @param {number} k
 * @param {Rule | undefined} rule
 */
function replaceKth(rules, k, rule) {
  const at = rules.map((r, i) => (isPlaceRule(r) ? -1 : i)).filter((i) => i >= 0);
  const index = at[k];
  if (index === undefined) return rule ? [...rules, rule] : [...rules];
  return rules.flatMap((r, i) => (i === index ? (rule ? [rule] : []) : [r]));
}

/**
 * @param {{ roomsOf(account: string): RoomChoice[] | undefined, patch: Patch }} options
 */
export function keywordRules({ roomsOf, patch }) {
  const box = h('div', { class: 'rules' });
  let extra = 0;

  /**
   * @param {Rule} rule
   * @param {number} k
   * @param {AccountView[]} accounts
   */
  function row(rule, k, accounts) {
    const legend = `Extra mentions ${k + 1}`;
    const ids = {
      account: uniqueId('rule'),
      room: uniqueId('rule'),
      words: uniqueId('rule'),
      people: uniqueId('rule'),
      level: uniqueId('rule'),
    };
    const account = h(
      'select',
      { name: 'account', id: ids.account },
      h('option', { value: '' }, 'All accounts'),
      ...accounts.map((a) => h('option', { value: a.id, selected: a.id === rule.account }, a.name)),
    );
    const rooms = rule.account ? (roomsOf(rule.account) ?? []) : [];
    const room = h(
      'select',
      { name: 'room', id: ids.room },
      h('option', { value: '' }, 'All rooms'),
      ...rooms.map((r) => h('option', { value: r.id, selected: r.id === rule.room }, r.name)),
      rule.room && !rooms.some((r) => r.id === rule.room)
        ? h('option', { value: rule.room, selected: true }, 'A room not seen yet')
        : null,
    );
    const words = h('input', {
      type: 'text',
      name: 'keywords',
      id: ids.words,
      value: (rule.keywords ?? []).join(', '),
    });
    const people = h('input', {
      type: 'text',
      name: 'senders',
      id: ids.people,
      value: (rule.senders ?? []).join(', '),
    });
    const level = h(
      'select',
      { name: 'level', id: ids.level },
      h('option', { value: '' }, 'Default'),
      ...Object.entries(LEVEL_WORDS).map(([v, w]) =>
        h('option', { value: v, selected: v === rule.level }, w),
      ),
    );
    const save = () => {
      /** @type {Rule} */
      const next = { ...rule };
      /** @type {Record<string, unknown>} */
      const edit = next;
      const set = (/** @type {string} */ key, /** @type {unknown} */ value) => {
        if (value === '' || (Array.isArray(value) && value.length === 0)) delete edit[key];
        else edit[key] = value;
      };
      set('account', account.value);
      if (account.value !== (rule.account ?? '')) delete edit.room;
      else set('room', room.value);
      set('keywords', list(words.value));
      set('senders', list(people.value));
      set('level', level.value);
      if (extra > 0 && k >= countRules()) extra = Math.max(0, extra - 1);
      patch((n) => ({ ...n, rules: replaceKth(n.rules, k, next) }), `${legend} saved.`);
    };
    for (const control of [account, room, words, people, level])
      control.addEventListener('change', save);
    /** @param {HTMLElement} control @param {string} label @param {string} [help] */
    const labelled = (control, label, help) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: control.id }, label),
        control,
        help ? h('p', { class: 'help' }, help) : null,
      );
    return h(
      'fieldset',
      { class: 'rule' },
      h('legend', {}, legend),
      h('div', { class: 'rule-where' }, labelled(account, 'Account'), labelled(room, 'Room')),
      labelled(
        words,
        'Keywords',
        'Messages with any of these words count as mentions. Comma-separated.',
      ),
      labelled(
        people,
        'People',
        'Messages from these user names count as mentions. Comma-separated.',
      ),
      labelled(level, 'Notify about'),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () =>
            patch(
              (n) => ({ ...n, rules: replaceKth(n.rules, k, undefined) }),
              `${legend} removed.`,
            ),
        },
        `Remove extra mentions ${k + 1}`,
      ),
    );
  }

  let countRules = () => 0;

  /** @param {AccountView[]} accounts @param {NotificationSettings} settings */
  function draw(accounts, settings) {
    const rules = settings.rules.filter((r) => !isPlaceRule(r));
    countRules = () => rules.length;
    const rows = [...rules, ...Array.from({ length: extra }, () => ({}))].map((r, k) =>
      row(r, k, accounts),
    );
    box.replaceChildren(
      ...(rows.length > 0
        ? rows
        : [
            h(
              'p',
              { class: 'help empty' },
              'None yet. Add some when, say, “deploy” should count as a mention only in your team’s room.',
            ),
          ]),
    );
  }

  /** An empty rule to fill in; it is saved once something is set. */
  function add() {
    extra += 1;
  }

  return { box, draw, add };
}
