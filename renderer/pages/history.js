import { announce, field, h } from '../dom.js';
import { DECISION_CHOICES, decisionWords } from '../history-words.js';
import { dateTime } from '../time-zone.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').HistoryView} HistoryView
 * @typedef {import('../../app/ipc/contract.js').HistoryPage} HistoryPage
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 */

const PAGE = 50;
const when = {
  format: (/** @type {number} */ ms) =>
    dateTime({ dateStyle: 'short', timeStyle: 'medium' }).format(ms),
};
const count = new Intl.NumberFormat();

/** @param {PageContext} context */
export function renderHistory({ bridge, snapshot, root }) {
  let names = new Map(snapshot.accounts.map((a) => [a.id, a.name]));
  let offset = 0;
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
    h('option', { value: '' }, 'Anything'),
    ...DECISION_CHOICES.map(([value, words]) => h('option', { value }, words)),
  );
  const bookkeeping = h('input', { type: 'checkbox', name: 'bookkeeping' });
  const list = h('ol', { class: 'history', 'aria-label': 'Events, newest first' });
  const status = h('p', { role: 'status', class: 'history-count' });
  const older = h('button', { type: 'button', onclick: () => turn(PAGE) }, 'Older');
  const newer = h('button', { type: 'button', onclick: () => turn(-PAGE) }, 'Newer');
  const bookkeepingLabel = h('span', {}, 'Show counter updates');

  /** @param {number} by */
  function turn(by) {
    offset = Math.max(0, offset + by);
    void refresh();
  }

  /** @param {HistoryView} entry */
  function row(entry) {
    const { outcome, why } = decisionWords(entry.decision, entry.reason);
    return h(
      'li',
      {
        class: `history-entry decision-${entry.decision.replace(/\s+/g, '-')}`,
        'data-seq': entry.seq,
      },
      h(
        'p',
        { class: 'when' },
        h(
          'time',
          { datetime: new Date(entry.receivedAt).toISOString() },
          when.format(entry.receivedAt),
        ),
      ),
      h('p', { class: 'where' }, names.get(entry.account) ?? entry.account, ' · ', entry.room),
      h('p', { class: 'what' }, h('strong', {}, entry.title), entry.body ? ` ${entry.body}` : ''),
      h(
        'p',
        { class: 'outcome' },
        h('span', { class: 'decision' }, outcome),
        h('span', { class: 'why' }, ` ${why}`),
      ),
      entry.url &&
        h(
          'button',
          {
            type: 'button',
            onclick: async () =>
              announce((await bridge.openHistoryEntry({ seq: entry.seq })).message),
          },
          'Open',
        ),
    );
  }

  function filtersInUse() {
    return [
      search.value.trim() && `search “${search.value.trim()}”`,
      account.value && `account ${names.get(account.value) ?? account.value}`,
      decision.value && `“${decision.selectedOptions[0]?.textContent ?? decision.value}”`,
    ].filter(Boolean);
  }

  function clearFilters() {
    search.value = '';
    account.value = '';
    decision.value = '';
    offset = 0;
    void refresh();
    search.focus();
  }

  async function refresh() {
    /** @type {HistoryPage} */
    const page = await bridge.listHistory({
      ...(search.value.trim() && { text: search.value.trim() }),
      ...(account.value && { account: account.value }),
      ...(decision.value && { decision: /** @type {any} */ (decision.value) }),
      ...(bookkeeping.checked && { bookkeeping: true }),
      offset,
      limit: PAGE,
    });
    if (page.entries.length === 0 && offset > 0 && page.total > 0) {
      offset = Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE);
      return refresh();
    }
    bookkeepingLabel.textContent = bookkeeping.checked
      ? 'Show counter updates'
      : `Show counter updates (${count.format(page.bookkeeping)} hidden)`;
    const filters = filtersInUse();
    if (page.total === 0) {
      list.replaceChildren();
      status.replaceChildren(
        filters.length > 0
          ? h(
              'span',
              {},
              `No events match ${filters.join(' and ')}. `,
              h('button', { type: 'button', onclick: clearFilters }, 'Clear filters'),
            )
          : h(
              'span',
              {},
              page.bookkeeping > 0
                ? 'Only counter updates so far: tick “Show counter updates” to see them.'
                : 'Nothing has arrived yet. Events appear here as your accounts receive them.',
            ),
      );
    } else {
      list.replaceChildren(...page.entries.map(row));
      const first = offset + 1;
      const last = offset + page.entries.length;
      status.textContent = `${count.format(first)}–${count.format(last)} of ${count.format(page.total)} event${page.total === 1 ? '' : 's'}${filters.length > 0 ? ` matching ${filters.join(' and ')}` : ''}`;
    }
    older.hidden = offset + page.entries.length >= page.total;
    newer.hidden = offset === 0;
  }

  for (const control of [search, account, decision, bookkeeping])
    control.addEventListener('input', () => {
      offset = 0;
      void refresh();
    });
  root.append(
    h('h2', {}, 'History'),
    h(
      'p',
      { class: 'help' },
      'Every event your accounts received, what Tidings did with it and why.',
    ),
    h(
      'div',
      { class: 'filters', role: 'search' },
      field({ label: 'Search', control: search, field: 'search' }),
      field({ label: 'Account', control: account, field: 'account' }),
      field({ label: 'What Tidings did', control: decision, field: 'decision' }),
    ),
    h('p', { class: 'check' }, h('label', {}, bookkeeping, ' ', bookkeepingLabel)),
    status,
    list,
    h('div', { class: 'actions pager' }, newer, older),
  );
  void refresh();
  return {
    /** @param {AppSnapshot} next */
    update: (next) => {
      names = new Map(next.accounts.map((a) => [a.id, a.name]));
      void refresh();
    },
  };
}
