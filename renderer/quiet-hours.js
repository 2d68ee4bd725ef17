// Weekly quiet hours: days and a time span each, saved as they change.
import { h, uniqueId } from './dom.js';

/**
 * @typedef {import('../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 * @typedef {import('../app/core/settings/notifications.js').QuietHours} QuietHours
 */

const WEEKDAYS = /** @type {const} */ (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** Weekday names in the user's language: 2024-01-01 was a Monday. */
const dayName = (/** @type {number} */ i) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(new Date(2024, 0, 1 + i));

/**
 * @param {{ patch(change: (n: NotificationSettings) => NotificationSettings, said: string): void }} options
 */
export function quietHours({ patch }) {
  const box = h('div', { class: 'quiet-hours' });
  /** @param {(list: QuietHours[]) => QuietHours[]} change @param {string} said */
  const edit = (change, said) =>
    patch((n) => {
      const list = change([...(n.dnd.quietHours ?? [])]);
      const { quietHours: _old, ...dnd } = n.dnd;
      return { ...n, dnd: list.length > 0 ? { ...dnd, quietHours: list } : dnd };
    }, said);

  /** @param {QuietHours} window @param {number} index */
  function row(window, index) {
    const name = `Quiet hours ${index + 1}`;
    const days = WEEKDAYS.map((day, i) =>
      h(
        'label',
        { class: 'day' },
        h('input', {
          type: 'checkbox',
          name: 'day',
          value: day,
          checked: window.days.includes(day),
        }),
        ` ${dayName(i)}`,
      ),
    );
    const fromId = uniqueId('from');
    const toId = uniqueId('to');
    const from = h('input', { type: 'time', name: 'from', id: fromId, value: window.from });
    const to = h('input', { type: 'time', name: 'to', id: toId, value: window.to });
    const fieldset = h(
      'fieldset',
      { class: 'quiet', 'data-field': `dnd.quietHours[${index}].days` },
      h('legend', {}, name),
      h('div', { class: 'days' }, ...days),
      h('p', { class: 'error', 'data-error-for': `dnd.quietHours[${index}].days` }),
      h(
        'div',
        { class: 'times' },
        h('div', { class: 'field' }, h('label', { for: fromId }, 'From'), from),
        h('div', { class: 'field' }, h('label', { for: toId }, 'To'), to),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => edit((list) => list.filter((_, i) => i !== index), `${name} removed.`),
        },
        `Remove quiet hours ${index + 1}`,
      ),
    );
    fieldset.addEventListener('change', () => {
      const chosen = /** @type {QuietHours['days']} */ (
        [...fieldset.querySelectorAll('input[name="day"]:checked')].map(
          (d) => /** @type {HTMLInputElement} */ (d).value,
        )
      );
      edit(
        (list) =>
          list.map((w, i) => (i === index ? { days: chosen, from: from.value, to: to.value } : w)),
        `${name} saved.`,
      );
    });
    return fieldset;
  }

  /** @param {NotificationSettings} settings */
  function draw(settings) {
    const list = settings.dnd.quietHours ?? [];
    box.replaceChildren(
      ...(list.length > 0
        ? list.map(row)
        : [
            h(
              'p',
              { class: 'help empty' },
              'None yet. “Add quiet hours” starts with weekday nights, 22:00 to 07:00; change the days and times after.',
            ),
          ]),
    );
  }

  const addButton = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        edit(
          (list) => [
            ...list,
            { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '07:00' },
          ],
          'Quiet hours added: weekdays 22:00 to 07:00.',
        ),
    },
    'Add quiet hours',
  );
  return { box, draw, addButton };
}
