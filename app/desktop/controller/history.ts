import { SUBSCRIPTION_KINDS, USER_KINDS, roomLabel, type EventKind } from '../../core/events.js';
import type { HistoryEntry } from '../../core/pipeline/history.js';
import type { HistoryPage, HistoryQuery, Outcome } from '../../ipc/contract.js';
import type { AppCore } from './core.js';

const RECENT_LIMIT = 5;
const HISTORY_PAGE = 100;
/** Kinds that only keep counters and presence right: nobody reads them as messages. */
const BOOKKEEPING: ReadonlySet<EventKind> = new Set<EventKind>([
  ...SUBSCRIPTION_KINDS,
  ...USER_KINDS,
]);
const isBookkeeping = (entry: HistoryEntry) =>
  BOOKKEEPING.has(entry.event.kind) && entry.decision !== 'shown';

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
    const matching = history.list(filter);
    const bookkeeping = matching.filter(isBookkeeping).length;
    // With bookkeeping shown the page is History's own; without, it is cut from what is left.
    const page = showBookkeeping
      ? history.list({ ...filter, offset, limit })
      : matching.filter((e) => !isBookkeeping(e)).slice(offset, offset + limit);
    return {
      entries: page.map(historyView),
      total: showBookkeeping ? matching.length : matching.length - bookkeeping,
      bookkeeping,
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
  };
}
