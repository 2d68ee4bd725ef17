import { accountRooms } from '../account-rooms.js';
import { announce, field, h, showErrors } from '../dom.js';
import { keywordRules } from '../keyword-rules.js';
import { clone } from '../paths.js';
import { quietHours } from '../quiet-hours.js';
import { LEVEL_WORDS } from '../room-rules.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../../app/ipc/contract.js').RoomChoice} RoomChoice
 * @typedef {import('../../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 */

const DND_CHOICES = /** @type {const} */ ([
  ['off', 'Off'],
  ['30m', 'For 30 minutes'],
  ['1h', 'For 1 hour'],
  ['tomorrow-morning', 'Until tomorrow morning'],
  ['until-off', 'Until I turn it off'],
]);

/** @param {string} text */
const splitList = (text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Notifications, saved as you go: each change is sent on its own, on the settings as they are
 * now (the tray may have changed them meanwhile). A change main refuses stays on screen with its
 * error, and leaving the page then asks.
 * @param {PageContext} context
 */
export function renderNotifications({ bridge, snapshot, root }) {
  let current = snapshot;
  /** Fields whose last change could not be saved. */
  const unsaved = new Set();
  const formError = h('p', { class: 'error', role: 'alert' });
  /** @type {Map<string, Promise<RoomChoice[]>>} */
  const roomRequests = new Map();
  /** @type {Map<string, RoomChoice[]>} */
  const roomLists = new Map();
  /** @param {string} account */
  const rooms = (account) => {
    let request = roomRequests.get(account);
    if (!request) {
      request = bridge.listRooms({ id: account }).then((answer) => {
        roomLists.set(account, answer.rooms);
        rules.draw(current.accounts, current.notifications);
        return answer.rooms;
      });
      roomRequests.set(account, request);
    }
    return request;
  };

  /**
   * @param {(n: NotificationSettings) => NotificationSettings} change
   * @param {string} said
   * @param {string} [fieldName]
   */
  async function patch(change, said, fieldName = '') {
    const next = change(clone(current.notifications));
    const answer = await bridge.saveNotifications({ notifications: next });
    if (answer.ok) {
      unsaved.delete(fieldName);
      current = {
        ...current,
        notifications: {
          ...next,
          dnd: {
            ...next.dnd,
            on: current.notifications.dnd.on,
            until: current.notifications.dnd.until,
          },
        },
      };
      showErrors(root, [], formError, { focus: false });
      announce(said);
      redraw();
    } else {
      unsaved.add(fieldName);
      showErrors(root, answer.errors, formError, { focus: false });
    }
  }

  /**
   * A control that saves itself when changed; `check` turns its text into the new settings or
   * an error shown beside it (and nothing is sent).
   * @param {HTMLInputElement | HTMLSelectElement} control
   * @param {string} name
   * @param {(value: string, checked: boolean) => ((n: NotificationSettings) => NotificationSettings) | string} check
   * @param {string} said
   */
  function saving(control, name, check, said) {
    control.addEventListener('change', () => {
      const result = check(
        control.value.trim(),
        control instanceof HTMLInputElement && control.checked,
      );
      if (typeof result === 'string') {
        unsaved.add(name);
        showErrors(root, [{ field: name, message: result }], formError, { focus: false });
      } else void patch(result, said, name);
    });
    return control;
  }

  const settings = current.notifications;
  const level = saving(
    h(
      'select',
      { name: 'level' },
      ...Object.entries(LEVEL_WORDS).map(([v, w]) =>
        h('option', { value: v, selected: v === settings.level }, w),
      ),
    ),
    'level',
    (v) => (n) => ({ ...n, level: /** @type {any} */ (v) }),
    'Saved: what notifies.',
  );
  const keywords = saving(
    h('input', { type: 'text', name: 'keywords', value: settings.keywords.join(', ') }),
    'keywords',
    (v) => (n) => ({ ...n, keywords: splitList(v) }),
    'Saved: keywords.',
  );
  const senders = saving(
    h('input', { type: 'text', name: 'senders', value: settings.senders.join(', ') }),
    'senders',
    (v) => (n) => ({ ...n, senders: splitList(v) }),
    'Saved: people.',
  );
  const burst = saving(
    h('input', {
      type: 'number',
      name: 'coalesceSeconds',
      min: 0,
      max: 600,
      step: 0.5,
      value: settings.coalesceMs / 1000,
    }),
    'coalesceMs',
    (v) => {
      const seconds = Number(v);
      if (v === '' || Number.isNaN(seconds) || seconds < 0 || seconds > 600)
        return 'enter a number of seconds from 0 to 600';
      return (n) => ({ ...n, coalesceMs: Math.round(seconds * 1000) });
    },
    'Saved: burst window.',
  );
  const sound = saving(
    h('input', { type: 'checkbox', name: 'sound', checked: settings.sound }),
    'sound',
    (_v, on) => (n) => ({ ...n, sound: on }),
    'Saved: sound.',
  );
  const summary = saving(
    h('input', { type: 'checkbox', name: 'summary', checked: settings.dnd.summary === true }),
    'dnd.summary',
    (_v, on) => (n) => ({ ...n, dnd: { ...n.dnd, summary: on } }),
    'Saved: summary after do not disturb.',
  );
  const dnd = h(
    'select',
    { name: 'dnd' },
    h('option', { value: '' }, 'Change…'),
    ...DND_CHOICES.map(([value, label]) => h('option', { value }, label)),
  );
  dnd.addEventListener('change', async () => {
    if (!dnd.value) return;
    announce((await bridge.setDnd({ choice: /** @type {any} */ (dnd.value) })).message);
    dnd.value = '';
  });
  const dndState = h(
    'p',
    { class: 'dnd-state', role: 'status' },
    `Do not disturb: ${snapshot.dnd.label}`,
  );

  const places = accountRooms({
    bridge,
    rooms,
    patch: (change, said) => void patch(change, said, 'rules'),
  });
  const rules = keywordRules({
    roomsOf: (account) => roomLists.get(account),
    patch: (change, said) => void patch(change, said, 'rules'),
  });
  const quiet = quietHours({ patch: (change, said) => void patch(change, said, 'dnd.quietHours') });

  function redraw() {
    const key = focusKey(document.activeElement);
    places.draw(current.accounts, current.notifications);
    rules.draw(current.accounts, current.notifications);
    quiet.draw(current.notifications);
    // Saving as you go redraws the lists: the control the user was on keeps the focus.
    if (key)
      /** @type {HTMLElement | undefined} */ (
        [...root.querySelectorAll('input, select, button')].find((el) => focusKey(el) === key)
      )?.focus();
  }

  root.append(
    h('h2', {}, 'Notifications'),
    h('p', { class: 'help' }, 'Changes are saved as you make them.'),
    formError,
    h(
      'section',
      { 'aria-labelledby': 'dnd-heading' },
      h('h3', { id: 'dnd-heading' }, 'Do not disturb'),
      dndState,
      field({ label: 'Change do not disturb', control: dnd, field: 'dnd.choice' }),
      field({
        label: 'Show a summary of what was held back when it ends',
        control: summary,
        field: 'dnd.summary',
      }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'places-heading' },
      h('h3', { id: 'places-heading' }, 'Accounts and rooms'),
      h(
        'p',
        { class: 'help' },
        'What notifies from each account and each of its rooms. A room on Default follows its account; an account on Default follows the general setting below.',
      ),
      places.box,
    ),
    h(
      'section',
      { 'aria-labelledby': 'general-heading' },
      h('h3', { id: 'general-heading' }, 'General'),
      field({
        label: 'Notify me about',
        control: level,
        field: 'level',
        help: 'For accounts and rooms left on Default.',
      }),
      field({
        label: 'Keywords that count as mentions',
        control: keywords,
        field: 'keywords',
        help: 'Comma-separated, e.g. deploy, outage',
      }),
      field({
        label: 'People whose messages count as mentions',
        control: senders,
        field: 'senders',
        help: 'User names or ids, comma-separated.',
      }),
      field({
        label: 'Burst window (seconds)',
        control: burst,
        field: 'coalesceMs',
        help: 'Messages in one room within this time fold into one notification.',
      }),
      field({ label: 'Play a sound', control: sound, field: 'sound' }),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => announce((await bridge.sendTestNotification({})).message),
        },
        'Send a test notification',
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'rules-heading' },
      h('h3', { id: 'rules-heading' }, 'Keyword and people rules'),
      h('p', { class: 'help' }, 'Words or people that count as mentions in one account or room.'),
      rules.box,
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            rules.add();
            redraw();
            /** @type {HTMLElement | null} */ (
              rules.box.querySelector('fieldset:last-of-type select')
            )?.focus();
          },
        },
        'Add a keyword rule',
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'quiet-heading' },
      h('h3', { id: 'quiet-heading' }, 'Quiet hours'),
      h('p', { class: 'help' }, 'Times each week when Tidings holds notifications back.'),
      quiet.box,
      quiet.addButton,
    ),
  );
  redraw();
  places.load(current.accounts);
  for (const account of current.accounts) void rooms(account.id);

  return {
    dirty: () => unsaved.size > 0,
    /** @param {AppSnapshot} next */
    update(next) {
      /** @param {AppSnapshot} s */
      const onServers = (s) => JSON.stringify(s.accounts.map((a) => a.server));
      const changed =
        JSON.stringify(next.notifications) !== JSON.stringify(current.notifications) ||
        next.accounts.length !== current.accounts.length ||
        // What the servers themselves say changed (another client, or "Also on the server").
        onServers(next) !== onServers(current);
      current = next;
      dndState.textContent = `Do not disturb: ${next.dnd.label}`;
      if (changed) {
        places.load(next.accounts);
        redraw();
      }
    },
  };
}

/** What a control is, the same before and after a redraw. @param {Element | null} el */
function focusKey(el) {
  if (!(el instanceof HTMLElement) || el === document.body) return undefined;
  const place = el.closest('[data-room], [data-account], fieldset');
  return [
    el.tagName,
    el.getAttribute('aria-label') ?? '',
    el.getAttribute('name') ?? '',
    el.getAttribute('value') ?? '',
    el.tagName === 'BUTTON' ? el.textContent : '',
    place?.getAttribute('data-room') ??
      place?.getAttribute('data-account') ??
      place?.querySelector('legend')?.textContent ??
      '',
  ].join('|');
}
