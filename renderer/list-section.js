// An account's list of followed things in the editor (3D Repo models, Kuzzle subscriptions):
// picked by name from the server where the type can (room-picker.js), as rows of fields with
// ids under "Advanced", and as JSON for experts. 3D Repo's own feed is a checkbox beside them.
import { field, h } from './dom.js';
import { itemList } from './item-list.js';
import { deletePath, getPath, setPath } from './paths.js';
import { roomPicker } from './room-picker.js';

/**
 * @typedef {import('../app/ipc/contract.js').RoomList} RoomList
 * @typedef {import('./account-types.js').ListSpec} ListSpec
 * @typedef {import('./bound-fields.js').FieldError} FieldError
 */

const FEED = 'notifications';

/**
 * @param {{ spec: ListSpec, type: string, source: Record<string, unknown>, before: unknown, find: () => Promise<RoomList>, auto: boolean }} options
 *   `before`: the list as saved, to leave it as it was (absent included) when unchanged.
 * @returns {{ element: HTMLElement, advanced: HTMLElement[], apply(account: Record<string, unknown>): FieldError[] }}
 */
export function listSection({ spec, type, source, before, find, auto }) {
  const listed = /** @type {Record<string, unknown>[]} */ (getPath(source, spec.path) ?? []);
  const list = itemList(spec, listed, (item) => !(FEED in item));
  const feedIndex = listed.findIndex((item) => FEED in item);
  const feed =
    type === '3drepo'
      ? h('input', {
          type: 'checkbox',
          name: 'feed',
          checked: feedIndex >= 0 || listed.length === 0,
        })
      : null;
  const picker = spec.pick ? roomPicker({ spec, list, find, auto }) : null;
  const rows = picker
    ? [
        h(
          'fieldset',
          { class: 'list by-id' },
          h('legend', {}, `${spec.plural} by id`),
          list.body,
          list.addButton,
        ),
      ]
    : [list.body, list.addButton];

  /** @param {Record<string, unknown>} account */
  function apply(account) {
    const withFeed = feed?.checked === true;
    const offset = withFeed && feedIndex <= 0 ? 1 : 0;
    const collected = list.collect(offset);
    let items = collected.items;
    if (!collected.fromJson && feed) {
      items = [...items];
      if (withFeed)
        items.splice(Math.max(0, Math.min(feedIndex, items.length)), 0, { [FEED]: true });
    }
    if (JSON.stringify(items) === JSON.stringify(before ?? [])) {
      // unchanged: as it was, absent included
    } else if (items.length === 0 && type === '3drepo') deletePath(account, spec.path);
    else if (type === '3drepo' && !before && items.length === 1 && FEED in (items[0] ?? {}))
      deletePath(account, spec.path);
    else setPath(account, spec.path, items);
    return collected.errors;
  }

  return {
    apply,
    element: h(
      'fieldset',
      { class: 'list', 'data-field': spec.path },
      h('legend', {}, spec.plural),
      h('p', { class: 'help' }, spec.help),
      feed
        ? field({ label: 'Your 3D Repo notification feed', control: feed, field: 'feed' })
        : null,
      ...(picker ? [picker] : rows),
      h('p', { class: 'error', 'data-error-for': spec.path }),
    ),
    advanced: [
      ...(picker ? rows : []),
      field({
        label: `${spec.plural} as JSON`,
        control: list.json,
        field: `${spec.path}-json`,
        help: `Changing this replaces the list above, e.g. ${spec.example}`,
      }),
    ],
  };
}
