import { accountRooms } from '../account-rooms.js';
import { announce, h, showErrors } from '../dom.js';
import { keywordRules } from '../keyword-rules.js';
import { defaultSections } from '../notification-defaults.js';
import { clone } from '../paths.js';
import { quietHours } from '../quiet-hours.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 * @typedef {import('../../app/ipc/contract.js').RoomChoice} RoomChoice
 * @typedef {import('../../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 */

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

  const defaults = defaultSections({ bridge, snapshot, settings: current.notifications, saving });

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
    defaults.dndSection,
    h(
      'section',
      { 'aria-labelledby': 'places-heading' },
      h('h3', { id: 'places-heading' }, 'Accounts and rooms'),
      h(
        'p',
        { class: 'help' },
        'What notifies from each account and each of its rooms. A room on “Account default” follows its account; an account on “General default” follows the general setting below.',
      ),
      places.box,
    ),
    defaults.generalSection,
    h(
      'section',
      { 'aria-labelledby': 'rules-heading' },
      h('h3', { id: 'rules-heading' }, 'Extra mentions for one account or room'),
      h(
        'p',
        { class: 'help' },
        'Words or people that count as mentions only there, and what to notify about there.',
      ),
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
        'Add extra mentions',
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
      defaults.showDnd(next.dnd, next.systemDnd);
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
