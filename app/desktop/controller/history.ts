import { roomLabel } from '../../core/events.js';
import type { HistoryEntry } from '../../core/pipeline/history.js';
import type { HistoryQuery, HistoryView, Outcome } from '../../ipc/contract.js';
import type { AppCore } from './core.js';

const RECENT_LIMIT = 5;
const HISTORY_PAGE = 200;

/** History as the window and the tray's "Recent" show it. */
export class HistoryViews {
  constructor(private readonly core: AppCore) {}

  list(query: HistoryQuery): { entries: HistoryView[] } {
    const entries = this.core.pipeline.history.list({ limit: HISTORY_PAGE, ...query });
    return { entries: entries.map(historyView) };
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

function historyView(entry: HistoryEntry): HistoryView {
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
