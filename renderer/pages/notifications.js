import { announce, field, h, showErrors, uniqueId } from '../dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../../app/core/settings/notifications.js').Rule} Rule
 * @typedef {import('../../app/core/settings/notifications.js').QuietHours} QuietHours
 */

const LEVELS = ['all', 'mentions', 'none'];
const RULE_CONTROLS = ['account', 'room', 'rule-level', 'muteUntil', 'rule-keywords'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DND_CHOICES = /** @type {const} */ ([
  ['off', 'Off'],
  ['30m', 'For 30 minutes'],
  ['1h', 'For 1 hour'],
  ['tomorrow-morning', 'Until tomorrow morning'],
  ['until-off', 'Until turned off'],
]);

/** @param {string} list */
const splitList = (list) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `2026-01-05T18:00:00.000Z` → the value of a datetime-local input, in local time. */
/** @param {string | undefined} iso */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** @param {PageContext} context */
export function renderNotifications({ bridge, snapshot, root }) {
  const settings = snapshot.notifications;
  const formError = h('p', { class: 'error', role: 'alert' });
  const form = h('form', {
    'aria-label': 'Notification settings',
    onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      void save();
    },
  });

  const level = h(
    'select',
    { name: 'level' },
    ...LEVELS.map((l) => h('option', { value: l, selected: l === settings.level }, l)),
  );
  const coalesce = h('input', {
    type: 'number',
    name: 'coalesceMs',
    min: 0,
    step: 100,
    value: settings.coalesceMs,
  });
  const sound = h('input', { type: 'checkbox', name: 'sound', checked: settings.sound });
  const keywords = h('input', {
    type: 'text',
    name: 'keywords',
    value: settings.keywords.join(', '),
  });
  const summary = h('input', {
    type: 'checkbox',
    name: 'summary',
    checked: settings.dnd.summary === true,
  });

  const rulesBody = h('div', { class: 'rules' });
  /** Each rule row and the rule it was drawn from: what the row does not show stays. */
  /** @type {WeakMap<Element, { rule: Rule, initial: Record<string, string> }>} */
  const ruleOrigins = new WeakMap();
  const quietBody = h('div', { class: 'quiet-hours' });
  const roomLists = new Map();

  /** @param {string} account */
  function roomList(account) {
    let list = roomLists.get(account);
    if (!list) {
      list = h('datalist', { id: uniqueId('rooms') });
      roomLists.set(account, list);
      form.append(list);
      if (account)
        void bridge.listRooms({ id: account }).then((answer) => {
          list.replaceChildren(
            ...answer.rooms.map((room) => h('option', { value: room.id }, room.name ?? room.id)),
          );
        });
    }
    return list;
  }

  /** @param {Rule} rule */
  function addRule(rule) {
    const index = rulesBody.children.length;
    const account = h(
      'select',
      { name: 'account' },
      h('option', { value: '' }, 'All accounts'),
      ...snapshot.accounts.map((a) =>
        h('option', { value: a.id, selected: a.id === rule.account }, a.name),
      ),
    );
    const room = h('input', {
      type: 'text',
      name: 'room',
      value: rule.room ?? '',
      list: roomList(rule.account ?? '').id,
      placeholder: 'Whole account',
    });
    account.addEventListener('change', () => room.setAttribute('list', roomList(account.value).id));
    const ruleLevel = h(
      'select',
      { name: 'rule-level' },
      h('option', { value: '' }, 'inherit'),
      ...LEVELS.map((l) => h('option', { value: l, selected: l === rule.level }, l)),
    );
    const mute = h('input', {
      type: 'datetime-local',
      name: 'muteUntil',
      value: localInput(rule.muteUntil),
    });
    const words = h('input', {
      type: 'text',
      name: 'rule-keywords',
      value: (rule.keywords ?? []).join(', '),
    });
    const row = h(
      'fieldset',
      { class: 'rule' },
      h('legend', {}, `Rule ${index + 1}`),
      field({ label: 'Account', control: account, field: `rules[${index}].account` }),
      field({
        label: 'Room id',
        control: room,
        field: `rules[${index}].room`,
        help: 'Pick from the list or type an id',
      }),
      field({ label: 'Level', control: ruleLevel, field: `rules[${index}].level` }),
      field({ label: 'Muted until', control: mute, field: `rules[${index}].muteUntil` }),
      field({ label: 'Keywords', control: words, field: `rules[${index}].keywords` }),
      h(
        'button',
        { type: 'button', onclick: () => row.remove(), 'aria-label': `Remove rule ${index + 1}` },
        'Remove rule',
      ),
    );
    rulesBody.append(row);
    ruleOrigins.set(row, {
      rule,
      initial: Object.fromEntries(
        RULE_CONTROLS.map((name) => [
          name,
          /** @type {HTMLInputElement} */ (row.querySelector(`[name="${name}"]`)).value.trim(),
        ]),
      ),
    });
    return row;
  }

  /** @param {QuietHours} window */
  function addQuiet(window) {
    const index = quietBody.children.length;
    const days = WEEKDAYS.map((day) =>
      h(
        'label',
        { class: 'day' },
        h('input', {
          type: 'checkbox',
          name: 'day',
          value: day,
          checked: window.days.includes(/** @type {any} */ (day)),
        }),
        ` ${day}`,
      ),
    );
    const from = h('input', { type: 'time', name: 'from', value: window.from });
    const to = h('input', { type: 'time', name: 'to', value: window.to });
    const row = h(
      'fieldset',
      { class: 'quiet', 'data-field': `dnd.quietHours[${index}].days` },
      h('legend', {}, `Quiet hours ${index + 1}`),
      h('div', { class: 'days' }, ...days),
      h('p', { class: 'error', 'data-error-for': `dnd.quietHours[${index}].days` }),
      field({ label: 'From', control: from, field: `dnd.quietHours[${index}].from` }),
      field({ label: 'To', control: to, field: `dnd.quietHours[${index}].to` }),
      h('button', { type: 'button', onclick: () => row.remove() }, 'Remove quiet hours'),
    );
    quietBody.append(row);
  }

  function collect() {
    const rules = [...rulesBody.querySelectorAll('fieldset.rule')].map((row) => {
      const origin = ruleOrigins.get(row) ?? { rule: {}, initial: {} };
      /** @param {string} name */
      const value = (name) =>
        /** @type {HTMLInputElement} */ (row.querySelector(`[name="${name}"]`)).value.trim();
      /** @type {Record<string, unknown>} */
      const rule = { ...origin.rule };
      /** @type {[string, string, (text: string) => unknown][]} */
      const fields = [
        ['account', 'account', (t) => t],
        ['room', 'room', (t) => t],
        ['rule-level', 'level', (t) => t],
        ['muteUntil', 'muteUntil', (t) => new Date(t).toISOString()],
        ['rule-keywords', 'keywords', splitList],
      ];
      for (const [name, key, parse] of fields) {
        const now = value(name);
        if (now === origin.initial[name]) continue;
        if (now === '') delete rule[key];
        else rule[key] = parse(now);
      }
      return rule;
    });
    const quietHours = [...quietBody.querySelectorAll('fieldset.quiet')].map((row) => ({
      days: [...row.querySelectorAll('input[name="day"]:checked')].map(
        (d) => /** @type {HTMLInputElement} */ (d).value,
      ),
      from: /** @type {HTMLInputElement} */ (row.querySelector('[name="from"]')).value,
      to: /** @type {HTMLInputElement} */ (row.querySelector('[name="to"]')).value,
    }));
    const ms = coalesce.value.trim();
    return {
      ...settings,
      level: level.value,
      // A number the schema can check, or the text as typed so its error names what was wrong.
      coalesceMs: ms !== '' && !Number.isNaN(Number(ms)) ? Number(ms) : ms,
      sound: sound.checked,
      keywords: splitList(keywords.value),
      rules,
      dnd: {
        ...settings.dnd,
        ...((quietHours.length > 0 || settings.dnd.quietHours) && { quietHours }),
        ...((summary.checked || settings.dnd.summary !== undefined) && {
          summary: summary.checked,
        }),
      },
    };
  }
  let initial = '';

  async function save() {
    const answer = await bridge.saveNotifications({ notifications: collect() });
    if (answer.ok) {
      initial = JSON.stringify(collect());
      showErrors(form, [], formError);
      announce('Notification settings saved.');
    } else showErrors(form, answer.errors, formError);
  }

  const dndSelect = h(
    'select',
    { name: 'dnd' },
    ...DND_CHOICES.map(([value, label]) => h('option', { value }, label)),
  );
  const dndState = h(
    'p',
    { class: 'dnd-state', role: 'status' },
    `Do not disturb: ${snapshot.dnd.label}`,
  );

  form.append(
    h('h2', {}, 'Notifications'),
    h(
      'section',
      { 'aria-label': 'Do not disturb' },
      h('h3', {}, 'Do not disturb'),
      dndState,
      field({ label: 'Do not disturb', control: dndSelect, field: 'dnd.choice' }),
      h(
        'button',
        {
          type: 'button',
          onclick: async () =>
            announce(
              (await bridge.setDnd({ choice: /** @type {any} */ (dndSelect.value) })).message,
            ),
        },
        'Apply',
      ),
      field({ label: 'Show a summary when it ends', control: summary, field: 'dnd.summary' }),
    ),
    h(
      'section',
      { 'aria-label': 'Defaults' },
      h('h3', {}, 'Defaults'),
      field({
        label: 'Notify for',
        control: level,
        field: 'level',
        help: 'all, mentions only, or none; rules below override it',
      }),
      field({
        label: 'Keywords that count as mentions',
        control: keywords,
        field: 'keywords',
        help: 'Comma-separated',
      }),
      field({
        label: 'Burst window (milliseconds)',
        control: coalesce,
        field: 'coalesceMs',
        help: 'Events within it fold into one notification',
      }),
      field({ label: 'Play a sound', control: sound, field: 'sound' }),
    ),
    h(
      'section',
      { 'aria-label': 'Rules' },
      h('h3', {}, 'Account and room rules'),
      rulesBody,
      h(
        'button',
        { type: 'button', onclick: () => addRule({}).querySelector('select')?.focus() },
        'Add rule',
      ),
    ),
    h(
      'section',
      { 'aria-label': 'Quiet hours' },
      h('h3', {}, 'Quiet hours'),
      quietBody,
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            addQuiet({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '07:00' }),
        },
        'Add quiet hours',
      ),
    ),
    formError,
    h('button', { type: 'submit', class: 'primary' }, 'Save notification settings'),
  );
  for (const rule of settings.rules) addRule(rule);
  for (const window of settings.dnd.quietHours ?? []) addQuiet(window);
  root.append(form);
  initial = JSON.stringify(collect());

  return {
    dirty: () => JSON.stringify(collect()) !== initial,
    /** @param {AppSnapshot} next */
    update(next) {
      dndState.textContent = `Do not disturb: ${next.dnd.label}`;
    },
  };
}
