import { announce, field, h } from '../dom.js';
import { DECISION_CHOICES, decisionWords } from '../history-words.js';
import { dateTime, whenWords } from '../time-zone.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../app/ipc/contract.js').HistoryView} HistoryView
 * @typedef {import('../../app/ipc/contract.js').HistoryPage} HistoryPage
 * @typedef {import('../../app/ipc/contract.js').AppSnapshot} AppSnapshot
 */

const PAGE = 50;
/** The exact time, to the second, for hovering over the day words. @param {number} ms */
const exactly = (ms) => dateTime({ dateStyle: 'full', timeStyle: 'medium' }).format(ms);
const count = new Intl.NumberFormat();
/** Entries that only keep unread counts and who is online right: nobody reads them, so hidden. */
const BACKGROUND = 'Show unread counts and online status';

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
  const list = h('ol', { class: 'history', 'aria-label': 'What arrived, newest first' });
  const status = h('p', { role: 'status', class: 'history-count' });
  const older = h('button', { type: 'button', onclick: () => turn(PAGE) }, 'Older');
  const newer = h('button', { type: 'button', onclick: () => turn(-PAGE) }, 'Newer');
  const bookkeepingLabel = h('span', {}, BACKGROUND);

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
          { datetime: new Date(entry.receivedAt).toISOString(), title: exactly(entry.receivedAt) },
          whenWords(entry.receivedAt),
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
      entry.note && h('p', { class: 'note' }, `Button: ${entry.note}`),
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
      ? BACKGROUND
      : `${BACKGROUND} (${page.moreThanTotal && page.bookkeeping > 0 ? 'at least ' : ''}${count.format(page.bookkeeping)} hidden)`;
    const filters = filtersInUse();
    if (page.total === 0) {
      list.replaceChildren();
      status.replaceChildren(
        filters.length > 0
          ? h(
              'span',
              {},
              `Nothing matches ${filters.join(' and ')}. `,
              h('button', { type: 'button', onclick: clearFilters }, 'Clear filters'),
            )
          : h(
              'span',
              {},
              page.bookkeeping > 0
                ? `Only unread counts and online status so far: tick “${BACKGROUND}” to see them.`
                : 'Nothing has arrived yet. Messages show here as your accounts receive them, with what Tidings did about each.',
            ),
      );
    } else {
      list.replaceChildren(...page.entries.map(row));
      const first = offset + 1;
      const last = offset + page.entries.length;
      status.textContent = `Showing ${count.format(first)}–${count.format(last)} of ${page.moreThanTotal ? 'more than ' : ''}${count.format(page.total)}${filters.length > 0 ? ` matching ${filters.join(' and ')}` : ''}, newest first`;
    }
    older.hidden = !page.moreThanTotal && offset + page.entries.length >= page.total;
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
      'Everything your accounts received, whether Tidings notified you, and why.',
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
