import { roomLabel } from '../../core/events.js';
import type { HistoryEntry } from '../../core/pipeline/history.js';
import type { HistoryPage, HistoryQuery, Outcome } from '../../ipc/contract.js';
import type { AppCore } from './core.js';

const RECENT_LIMIT = 5;
const HISTORY_PAGE = 100;
/**
 * A text search scans the rows (no index): its totals count this many past the page's start and
 * no further, so a search over a long history reads only what it shows and a little beyond.
 */
export const SEARCH_COUNT_BOUND = 1_000;

/** History as the window and the tray's "Recent" show it. */
export class HistoryViews {
  constructor(private readonly core: AppCore) {}

  list(query: HistoryQuery): HistoryPage {
    const {
      bookkeeping: showBookkeeping = false,
      offset = 0,
      limit = HISTORY_PAGE,
      ...filter
    } = query;
    const history = this.core.pipeline.history;
    // Counted in one pass (in SQL on disk); a text search counts only so far, past the page.
    const upTo = filter.text ? offset + SEARCH_COUNT_BOUND : undefined;
    const counted = history.count(filter, upTo);
    const more = upTo !== undefined && counted.entries >= upTo;
    const total = showBookkeeping ? counted.entries : counted.entries - counted.bookkeeping;
    // With bookkeeping shown the page is History's own; without, it is cut from what is left.
    // Nothing counted, nothing to list: a search that matches nothing reads history once.
    const page =
      counted.entries === 0
        ? []
        : history.list({
            ...filter,
            ...(!showBookkeeping && { bookkeeping: false }),
            offset,
            limit,
          });
    return {
      entries: page.map(historyView),
      total,
      bookkeeping: counted.bookkeeping,
      ...(more && { moreThanTotal: true }),
    };
  }

  recent(): { seq: number; title: string; body: string }[] {
    return this.core.pipeline.history
      .list({ decision: 'shown', limit: RECENT_LIMIT })
      .map((entry) => ({ seq: entry.seq, title: entry.event.title, body: entry.event.body }));
  }

  async open(seq: number): Promise<Outcome> {
    const entry = this.core.pipeline.history.get(seq);
    if (!entry) return { ok: false, message: 'that event is no longer in history' };
    const outcome = await this.core.openLink(entry.event.url, entry.event.account);
    this.core.pipeline.markRoomRead(entry.event.account, entry.event.room.id);
    return outcome;
  }
}

function historyView(entry: HistoryEntry): HistoryPage['entries'][number] {
  const e = entry.event;
  return {
    seq: entry.seq,
    receivedAt: entry.receivedAt,
    account: e.account,
    kind: e.kind,
    room: roomLabel(e.room),
    title: e.title,
    body: e.body,
    ...(e.url && { url: e.url }),
    decision: entry.decision,
    reason: entry.reason,
    ...(entry.note !== undefined && { note: entry.note }),
  };
}
