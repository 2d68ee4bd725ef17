// Notifications on the things they are about: each account, with its default and its mute, and
// each of its rooms (from the server and from history) with theirs.
import { typeLabel } from './account-types.js';
import { announce, h } from './dom.js';
import { placeControls } from './place-controls.js';
import {
  LEVEL_WORDS,
  mutedUntil,
  placeRule,
  setLevel,
  setMute,
  withPlaceRule,
} from './room-rules.js';

/**
 * @typedef {import('../app/ipc/contract.js').TidingsBridge} TidingsBridge
 * @typedef {import('../app/ipc/contract.js').AccountView} AccountView
 * @typedef {import('../app/ipc/contract.js').RoomChoice} RoomChoice
 * @typedef {import('../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 * @typedef {import('../app/core/settings/notifications.js').Rule} Rule
 * @typedef {(change: (n: NotificationSettings) => NotificationSettings, said: string) => void} Patch
 */

/**
 * @param {{ bridge: TidingsBridge, rooms: (account: string) => Promise<RoomChoice[]>, patch: Patch }} options
 */
export function accountRooms({ bridge, rooms, patch }) {
  const box = h('div', { class: 'account-rooms' });
  /** @type {Map<string, RoomChoice[]>} */
  const loaded = new Map();
  /** @type {{ accounts: AccountView[], settings: NotificationSettings }} */
  let last = { accounts: [], settings: /** @type {any} */ (undefined) };

  /**
   * @param {AccountView} account
   * @param {string | undefined} room
   * @param {string} name
   * @param {string} inherited
   * @param {NotificationSettings} settings
   */
  function controls(account, room, name, inherited, settings) {
    const rule = placeRule(settings.rules, account.id, room);
    const there =
      account.server && (room === undefined ? account.server.level : account.server.rooms[room]);
    return placeControls({
      name,
      defaultWord: room === undefined ? 'General default' : 'Account default',
      level: rule?.level,
      inherited,
      mutedUntil: mutedUntil(rule, Date.now()),
      ...(there && {
        server: {
          words: there,
          save: (level) =>
            bridge.saveServerLevel({
              id: account.id,
              ...(room !== undefined && { room }),
              level: /** @type {'all' | 'mentions' | 'none' | 'default'} */ (level),
            }),
        },
      }),
      setLevel: (level) =>
        patch(
          (n) => ({
            ...n,
            rules: withPlaceRule(n.rules, account.id, room, (r) => setLevel(r, level)),
          }),
          `${name}: ${level ? LEVEL_WORDS[/** @type {keyof LEVEL_WORDS} */ (level)] : `${room === undefined ? 'general default' : 'account default'} (${inherited})`}.`,
        ),
      setMute: (until) =>
        patch(
          (n) => ({
            ...n,
            rules: withPlaceRule(n.rules, account.id, room, (r) => setMute(r, until)),
          }),
          until ? `${name} muted.` : `${name} unmuted.`,
        ),
    });
  }

  /**
   * @param {AccountView} account
   * @param {NotificationSettings} settings
   */
  function section(account, settings) {
    const general = LEVEL_WORDS[settings.level];
    const own = placeRule(settings.rules, account.id, undefined)?.level;
    const accountLevel = own ? LEVEL_WORDS[own] : general;
    const list = h('ul', { class: 'rooms', 'aria-label': `Rooms of ${account.name}` });
    const roomsOf = loaded.get(account.id);
    // Rooms with a rule but not listed (yet) still get their row.
    const listed = new Set((roomsOf ?? []).map((r) => r.id));
    const ruled = settings.rules
      .filter(
        (r) =>
          r.account === account.id &&
          r.room !== undefined &&
          !listed.has(r.room) &&
          placeRule(settings.rules, account.id, r.room) === r,
      )
      .map(
        (r) =>
          /** @type {RoomChoice} */ ({
            id: String(r.room),
            name: 'A room not seen yet',
            type: 'group',
            source: 'history',
          }),
      );
    const all = [...(roomsOf ?? []), ...ruled];
    list.append(
      ...(roomsOf === undefined
        ? [h('li', { class: 'help' }, 'Looking for rooms…')]
        : all.length === 0
          ? [
              h(
                'li',
                { class: 'help' },
                'No rooms yet: rooms appear here once the server lists them or a message arrives.',
              ),
            ]
          : all.map((room) =>
              h(
                'li',
                { class: 'room', 'data-room': room.id },
                h('span', { class: 'room-name' }, room.name),
                controls(account, room.id, room.name, accountLevel, settings),
              ),
            )),
    );
    return h(
      'section',
      { class: 'account-notifications', 'aria-label': account.name, 'data-account': account.id },
      h('h3', {}, account.name, h('span', { class: 'type' }, ` ${typeLabel(account.type)}`)),
      h(
        'div',
        { class: 'room account-row' },
        h('span', { class: 'room-name' }, 'Whole account'),
        controls(account, undefined, account.name, general, settings),
      ),
      account.server && account.server.highlights.length > 0
        ? h(
            'p',
            { class: 'help' },
            `Highlighted on the server: ${account.server.highlights.join(', ')}. Tidings counts these as mentions too.`,
          )
        : undefined,
      list,
      h(
        'button',
        {
          type: 'button',
          onclick: async () =>
            announce((await bridge.sendTestNotification({ account: account.id })).message),
        },
        `Send a test notification from ${account.name}`,
      ),
    );
  }

  /** @param {AccountView[]} accounts @param {NotificationSettings} settings */
  function draw(accounts, settings) {
    last = { accounts, settings };
    const active = document.activeElement;
    const focusKey =
      active instanceof HTMLElement && box.contains(active)
        ? (active.getAttribute('aria-label') ?? active.textContent)
        : undefined;
    box.replaceChildren(
      ...(accounts.length === 0
        ? [h('p', {}, 'Add an account first: its rooms appear here.')]
        : accounts.map((a) => section(a, settings))),
    );
    if (focusKey)
      /** @type {HTMLElement | undefined} */ (
        [...box.querySelectorAll('select, button, input')].find(
          (el) => (el.getAttribute('aria-label') ?? el.textContent) === focusKey,
        )
      )?.focus();
  }

  /** Asks once for each account's rooms; they are drawn as they come. @param {AccountView[]} accounts */
  function load(accounts) {
    for (const account of accounts)
      if (!loaded.has(account.id))
        void rooms(account.id).then((list) => {
          loaded.set(account.id, list);
          draw(last.accounts, last.settings);
        });
  }

  return { box, draw, load };
}
