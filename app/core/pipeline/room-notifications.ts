import type { Clock, TimerHandle } from '../clock.js';
import { roomKey, type TidingsEvent } from '../events.js';
import type { NotificationSink, RoomNotification } from '../notification.js';
import { summaryBody, summaryTitle } from './summary.js';

/** One event folded into a room's notification: enough to show it again after an edit or delete. */
interface Folded {
  id: string;
  kind: TidingsEvent['kind'];
  title: string;
  body: string;
  author: string | undefined;
  url: string | undefined;
  links: TidingsEvent['links'];
  mention: boolean;
  stayUntilDismissed: boolean;
}

interface RoomSlot {
  notification: RoomNotification;
  folded: Folded[];
  /**
   * Events folded in since `notification` was last summarized. A burst folds thousands of events
   * into one update; summarizing (which reads every folded event) once per flush instead of once
   * per event keeps a burst linear.
   */
  unsummarized: number;
  /** Whether the folded events changed since `notification` was summarized. */
  stale: boolean;
  /** Whether events arrived since the last update: flushed when the window ends. */
  dirty: boolean;
  window: TimerHandle | undefined;
}

/** Folded events remembered per room for edits and deletions; the count goes on past it. */
const FOLDED_LIMIT = 200;

export type ChangeOutcome = 'updated' | 'retracted' | 'unchanged';

/**
 * The notification each room shows, and the folding of bursts into it. The first event shows at
 * once; those that follow within `coalesceMs` are folded into one summary, updated once when the
 * window ends (and the window starts again while events keep coming). After a quiet window the
 * next event shows afresh, replacing the room's old notification.
 */
export class RoomNotifications {
  private readonly slots = new Map<string, RoomSlot>();

  constructor(
    private readonly sink: NotificationSink,
    private readonly clock: Clock,
    private coalesceMs: number,
    private readonly onSinkError: (notification: RoomNotification, error: unknown) => void,
  ) {}

  setCoalesceMs(ms: number): void {
    this.coalesceMs = ms;
  }

  add(event: TidingsEvent, mention: boolean): void {
    const key = roomKey(event.account, event.room.id);
    const folded: Folded = {
      id: event.id,
      kind: event.kind,
      title: event.title,
      body: event.body,
      author: event.author?.name,
      url: event.url,
      links: event.links,
      mention,
      stayUntilDismissed: event.stayUntilDismissed === true,
    };
    const slot = this.slots.get(key);
    if (slot?.window) {
      slot.folded.push(folded);
      if (slot.folded.length > FOLDED_LIMIT) slot.folded.shift();
      slot.notification.room = event.room;
      slot.unsummarized++;
      slot.stale = true;
      slot.dirty = true;
      return;
    }
    if (slot) this.slots.delete(key);
    const notification = this.summarize(
      { key, account: event.account, room: event.room, count: 0 } as RoomNotification,
      [folded],
      1,
    );
    const fresh: RoomSlot = {
      notification,
      folded: [folded],
      unsummarized: 0,
      stale: false,
      dirty: false,
      window: undefined,
    };
    this.slots.set(key, fresh);
    this.openWindow(fresh);
    this.call('show', notification);
  }

  /** An edit of an event folded into a room's notification: show the new text. */
  edit(event: TidingsEvent): ChangeOutcome {
    const found = this.find(event);
    if (!found) return 'unchanged';
    const [slot, index] = found;
    const old = slot.folded[index]!;
    slot.folded[index] = {
      ...old,
      title: event.title || old.title,
      body: event.body,
      url: event.url ?? old.url,
    };
    if (index !== slot.folded.length - 1) return 'unchanged';
    slot.stale = true;
    this.publish(slot);
    return 'updated';
  }

  /** A deletion or recall: take the event out; retract when nothing is left. */
  remove(event: TidingsEvent): ChangeOutcome {
    const found = this.find(event);
    if (!found) return 'unchanged';
    const [slot, index] = found;
    slot.folded.splice(index, 1);
    if (slot.folded.length === 0 || slot.notification.count + slot.unsummarized <= 1) {
      this.retractSlot(slot);
      return 'retracted';
    }
    slot.unsummarized--;
    slot.stale = true;
    this.publish(slot);
    return 'updated';
  }

  /** The room was read (here or elsewhere): its notification goes. */
  retractRoom(account: string, roomId: string): ChangeOutcome {
    const slot = this.slots.get(roomKey(account, roomId));
    if (!slot) return 'unchanged';
    this.retractSlot(slot);
    return 'retracted';
  }

  retractAccount(account: string): void {
    for (const slot of [...this.slots.values()])
      if (slot.notification.account === account) this.retractSlot(slot);
  }

  /** What each room shows now. */
  shown(): RoomNotification[] {
    return [...this.slots.values()].map((slot) => this.current(slot));
  }

  /** Stops every window timer (on shutdown); pending summaries are flushed first. */
  close(): void {
    for (const slot of this.slots.values()) {
      if (slot.window) this.clock.clearTimeout(slot.window);
      slot.window = undefined;
      if (slot.dirty) this.publish(slot);
    }
  }

  private find(event: TidingsEvent): [RoomSlot, number] | undefined {
    if (!event.target) return undefined;
    const slot = this.slots.get(roomKey(event.account, event.room.id));
    const index = slot?.folded.findIndex((f) => f.id === event.target) ?? -1;
    return slot && index >= 0 ? [slot, index] : undefined;
  }

  private summarize(base: RoomNotification, folded: Folded[], count: number): RoomNotification {
    const latest = folded.at(-1)!;
    return {
      ...base,
      kind: latest.kind,
      eventId: latest.id,
      title:
        count === 1
          ? latest.title
          : summaryTitle(
              count,
              base.room,
              folded.map((f) => f.kind),
            ),
      body: count === 1 ? latest.body : summaryBody(latest, folded.slice(0, -1), count, base.room),
      url: latest.url,
      ...(count === 1 && latest.links !== undefined && { links: latest.links }),
      count,
      mention: folded.some((f) => f.mention),
      ...(folded.some((f) => f.stayUntilDismissed) && { stayUntilDismissed: true }),
    };
  }

  private openWindow(slot: RoomSlot): void {
    if (this.coalesceMs <= 0) return;
    slot.window = this.clock.setTimeout(() => {
      slot.window = undefined;
      if (!slot.dirty) return;
      this.publish(slot);
      // Still busy: keep folding into the same notification for another window.
      this.openWindow(slot);
    }, this.coalesceMs);
  }

  /** The slot's notification with every folded event summarized into it. */
  private current(slot: RoomSlot): RoomNotification {
    if (slot.stale) {
      const count = slot.notification.count + slot.unsummarized;
      slot.notification = this.summarize(slot.notification, slot.folded, count);
      slot.unsummarized = 0;
      slot.stale = false;
    }
    return slot.notification;
  }

  private publish(slot: RoomSlot): void {
    slot.dirty = false;
    this.call('update', this.current(slot));
  }

  private retractSlot(slot: RoomSlot): void {
    if (slot.window) this.clock.clearTimeout(slot.window);
    this.slots.delete(slot.notification.key);
    this.call('retract', this.current(slot));
  }

  private call(method: keyof NotificationSink, notification: RoomNotification): void {
    const copy = { ...notification };
    try {
      const result = this.sink[method](copy);
      if (result) result.catch((error: unknown) => this.onSinkError(copy, error));
    } catch (error) {
      this.onSinkError(copy, error);
    }
  }
}
