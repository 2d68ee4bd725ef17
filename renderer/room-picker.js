// Rooms by name, ticked to follow: what the account's server offers (asked for with the account
// as typed, saved or not) beside what the account follows already. A tick adds the entry the
// server said following takes (`follow`) to the account's list; the rows with ids stay under
// "Advanced" for typing by hand. Generic: a type opts in with `list.pick` (account-types.js).
import { h, uniqueId } from './dom.js';

/**
 * @typedef {import('../app/ipc/contract.js').RoomList} RoomList
 * @typedef {import('../app/ipc/contract.js').RoomChoice} RoomChoice
 * @typedef {import('./account-types.js').ListSpec} ListSpec
 * @typedef {import('./item-list.js').itemList} ItemList
 * @typedef {Record<string, unknown>} Item
 * @typedef {{ key: string, name: string, within?: string, follow: Item }} Offer
 */

/**
 * @param {{ spec: ListSpec, list: ReturnType<ItemList>, find: () => Promise<RoomList>, auto: boolean }} options
 */
export function roomPicker({ spec, list, find, auto }) {
  const pick = /** @type {NonNullable<ListSpec['pick']>} */ (spec.pick);
  const keyOf = (/** @type {Item} */ item) =>
    JSON.stringify(pick.keys.map((k) => (typeof item[k] === 'string' ? item[k] : '')));
  /** What the picker shows, in order: the server's offers, then what the account follows. */
  /** @type {Map<string, Offer>} */
  const shown = new Map();
  const status = h('p', { class: 'help pick-status', role: 'status' });
  const listBox = h('ul', { class: 'picks', 'aria-label': spec.plural });
  const findButton = h('button', { type: 'button', class: 'find-rooms' }, pick.find);

  /** @param {Item} item */
  const remember = (item) => {
    const key = keyOf(item);
    if (!shown.has(key))
      shown.set(key, {
        key,
        name: pick.nameOf(item),
        ...(pick.withinOf(item) && { within: pick.withinOf(item) }),
        follow: item,
      });
  };

  function draw() {
    const active = document.activeElement;
    const focusKey =
      active instanceof HTMLElement && listBox.contains(active) ? active.dataset.pick : undefined;
    for (const { item } of list.current()) remember(item);
    const current = list.current();
    listBox.replaceChildren(
      ...[...shown.values()].map((offer) => {
        const matches = current.filter((c) => keyOf(c.item) === offer.key);
        const withinId = uniqueId('pick-within');
        const box = h('input', {
          type: 'checkbox',
          name: 'pick',
          'data-pick': offer.key,
          checked: matches.length > 0,
          ...(offer.within && { 'aria-describedby': withinId }),
        });
        box.addEventListener('change', () => {
          if (box.checked) list.add({ ...offer.follow });
          else for (const match of matches) match.remove();
        });
        return h(
          'li',
          { class: 'pick' },
          h('label', {}, box, ` ${offer.name}`),
          offer.within ? h('span', { class: 'within', id: withinId }, ` ${offer.within}`) : null,
        );
      }),
    );
    if (shown.size === 0)
      listBox.append(h('li', { class: 'help' }, `None yet: ${pick.find.toLowerCase()}.`));
    // A tick redraws the list: the keyboard stays on the box it ticked.
    if (focusKey)
      /** @type {HTMLElement | null} */ (
        listBox.querySelector(`[data-pick="${CSS.escape(focusKey)}"]`)
      )?.focus();
  }

  async function load() {
    findButton.setAttribute('disabled', '');
    status.textContent = 'Asking the server…';
    status.className = 'help pick-status';
    try {
      const answer = await find();
      const offers = answer.rooms.filter(
        (room) => room.source === 'server' && room.follow && typeof room.follow === 'object',
      );
      // The server's order first, then what the account follows that the server did not name.
      const before = [...shown.values()];
      shown.clear();
      for (const room of offers) {
        const follow = /** @type {Item} */ (room.follow);
        shown.set(keyOf(follow), {
          key: keyOf(follow),
          name: room.name,
          ...(room.within && { within: room.within }),
          follow,
        });
      }
      for (const offer of before) if (!shown.has(offer.key)) shown.set(offer.key, offer);
      status.textContent = answer.error
        ? answer.error
        : `${offers.length} ${offers.length === 1 ? pick.one : pick.many} on the server.`;
      if (answer.error) status.className = 'help pick-status failed';
      draw();
    } finally {
      findButton.removeAttribute('disabled');
    }
  }

  findButton.addEventListener('click', () => void load());
  list.onChange(draw);
  draw();
  // After the editor is drawn: the form it asks with is the whole one.
  if (auto) void Promise.resolve().then(load);

  return h(
    'div',
    { class: 'room-picker' },
    listBox,
    h('div', { class: 'pick-actions' }, findButton, status),
  );
}
