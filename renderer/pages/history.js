import { announce, field, h } from '../dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').HistoryView} HistoryView
 */

const DECISIONS = [
  'shown',
  'own message',
  'too old',
  'history only',
  'muted room',
  'muted account',
  'level none',
  'mentions only',
  'do not disturb',
  'quiet hours',
  'updated',
  'retracted',
  'read',
  'unchanged',
  'failed',
];

/** @param {PageContext} context */
export function renderHistory({ bridge, snapshot, root }) {
  const search = h('input', {
    type: 'search',
    name: 'search',
    placeholder: 'Title, text, room or sender',
  });
  const account = h(
    'select',
    { name: 'account' },
    h('option', { value: '' }, 'All accounts'),
    ...snapshot.accounts.map((a) => h('option', { value: a.id }, a.name)),
  );
  const decision = h(
    'select',
    { name: 'decision' },
    h('option', { value: '' }, 'Any decision'),
    ...DECISIONS.map((d) => h('option', { value: d }, d)),
  );
  const table = h('table', { class: 'history' });
  const count = h('p', { role: 'status' });

  /** @param {HistoryView} entry */
  function row(entry) {
    return h(
      'tr',
      { 'data-seq': entry.seq },
      h('td', {}, new Date(entry.receivedAt).toLocaleString()),
      h('td', {}, entry.account),
      h('td', {}, entry.room),
      h('td', {}, h('strong', {}, entry.title), h('br'), entry.body),
      h(
        'td',
        { class: `decision decision-${entry.decision.replace(/\s+/g, '-')}` },
        entry.decision,
      ),
      h('td', { class: 'reason' }, entry.reason),
      h(
        'td',
        {},
        entry.url
          ? h(
              'button',
              {
                type: 'button',
                onclick: async () =>
                  announce((await bridge.openHistoryEntry({ seq: entry.seq })).message),
              },
              'Open',
            )
          : '',
      ),
    );
  }

  async function refresh() {
    const { entries } = await bridge.listHistory({
      ...(search.value.trim() && { text: search.value.trim() }),
      ...(account.value && { account: account.value }),
      ...(decision.value && { decision: /** @type {any} */ (decision.value) }),
    });
    table.replaceChildren(
      h('caption', {}, 'Every event, newest first, with what Tidings did and why'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Received', 'Account', 'Room', 'Event', 'Decision', 'Why', ''].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h('tbody', {}, ...entries.map(row)),
    );
    count.textContent = `${entries.length} event${entries.length === 1 ? '' : 's'}`;
  }

  for (const control of [search, account, decision])
    control.addEventListener('input', () => void refresh());
  root.append(
    h('h2', {}, 'History'),
    h(
      'div',
      { class: 'filters', role: 'search' },
      field({ label: 'Search', control: search, field: 'search' }),
      field({ label: 'Account', control: account, field: 'account' }),
      field({ label: 'Decision', control: decision, field: 'decision' }),
    ),
    count,
    h('div', { class: 'table-scroll' }, table),
  );
  void refresh();
  return { update: () => void refresh() };
}
