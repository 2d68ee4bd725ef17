import type { Clock, TimerHandle } from '../clock.js';
import { BoundedSet } from '../bounded-set.js';
import { displayable } from '../display-text.js';
import { countsAsUnread, type EventKind, type TidingsEvent } from '../events.js';
import type { NotificationSink, RoomNotification } from '../notification.js';
import { decide } from '../rules/decide.js';
import { manualDndActive } from '../rules/dnd.js';
import { SYSTEM_DND_UNKNOWN, systemDndHolding, type SystemDndState } from '../rules/system-dnd.js';
import type { NotificationSettings, Rule } from '../settings/notifications.js';
import { History } from './history.js';
import { RoomNotifications } from './room-notifications.js';
import { UnreadCounts } from './unread.js';

/** Kinds that change an earlier event rather than being news of their own. */
const EDIT_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['message-updated']);
const REMOVE_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'message-deleted',
  'message-recalled',
  'message-hidden',
]);
/** The user read the room somewhere (another device, the web app): clear and retract. */
const READ_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'subscription-read',
  'message-read',
]);

export const DEFAULT_DEDUPE_LIMIT = 50_000;

/** What dedupe remembers events by; the state database keeps it across restarts. */
export interface DedupeMemory {
  has(key: string): boolean;
  /** Returns false when the key was already there. */
  add(key: string): boolean;
}

export function dedupeKey(account: string, eventId: string): string {
  return `${account}\u0000${eventId}`;
}

export interface PipelineOptions {
  settings: NotificationSettings;
  sink: NotificationSink;
  clock: Clock;
  history?: History;
  unread?: UnreadCounts;
  /** In memory (bounded to `dedupeLimit`) when not given. */
  dedupe?: DedupeMemory;
  dedupeLimit?: number;
}

/**
 * The same path for every protocol: drop duplicates, decide, record in history, count unread,
 * fold bursts per room. Edits, deletions and reads change what is already shown.
 */
export class Pipeline {
  readonly history: History;
  readonly unread: UnreadCounts;
  private settings: NotificationSettings;
  /** The user's settings with the servers' own rules (their highlights) beside the user's. */
  private decidingSettings: NotificationSettings;
  private readonly serverRules = new Map<string, Rule[]>();
  private readonly seen: DedupeMemory;
  private readonly rooms: RoomNotifications;
  private readonly clock: Clock;
  /** Events that would have shown while do-not-disturb (Tidings' or the system's) held them back. */
  private heldByDnd = 0;
  /** The system's do-not-disturb as its detector last reported it. */
  private system: SystemDndState = SYSTEM_DND_UNKNOWN;
  private readonly listeners = new Set<() => void>();
  private dndEndTimer: TimerHandle | undefined;

  constructor(options: PipelineOptions) {
    this.settings = options.settings;
    this.decidingSettings = options.settings;
    this.clock = options.clock;
    this.history = options.history ?? new History(options.clock);
    this.unread = options.unread ?? new UnreadCounts();
    this.seen = options.dedupe ?? new BoundedSet(options.dedupeLimit ?? DEFAULT_DEDUPE_LIMIT);
    this.rooms = new RoomNotifications(
      options.sink,
      options.clock,
      options.settings.coalesceMs,
      (notification, error) => this.recordSinkFailure(notification, error),
    );
    this.scheduleDndEnd();
  }

  /** Called after every change that the tray or the window shows (counts, notifications). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  accept(incoming: TidingsEvent): void {
    const event = displayable(incoming);
    if (!this.seen.add(dedupeKey(event.account, event.id))) return;
    if (event.unread) {
      this.unread.set(event.account, event.room.id, event.unread.count, event.unread.mentions);
      // The server says nothing is unread: the user read the room elsewhere (their phone).
      if (event.unread.count === 0 && !event.unread.mentions)
        this.rooms.retractRoom(event.account, event.room.id);
    }

    if (EDIT_KINDS.has(event.kind) && event.target) {
      const outcome = this.rooms.edit(event);
      this.history.record(
        event,
        outcome,
        outcome === 'updated' ? 'updated the shown notification' : 'edit of a message not shown',
      );
    } else if (REMOVE_KINDS.has(event.kind) && event.target) {
      const outcome = this.rooms.remove(event);
      this.history.record(
        event,
        outcome,
        outcome === 'unchanged'
          ? 'removal of a message not shown'
          : `${outcome} the shown notification`,
      );
    } else if (READ_KINDS.has(event.kind)) {
      if (!event.unread) this.unread.clear(event.account, event.room.id);
      this.rooms.retractRoom(event.account, event.room.id);
      this.history.record(event, 'read', 'read elsewhere: unread cleared');
    } else {
      this.acceptNew(event);
    }
    this.changed();
  }

  /** Whether an event with this id came from the account before (catch-up leaves it out). */
  hasSeen(account: string, eventId: string): boolean {
    return this.seen.has(dedupeKey(account, eventId));
  }

  /** The user read a room here (clicked its notification, "mark as read"). */
  markRoomRead(account: string, roomId: string): void {
    this.unread.clear(account, roomId);
    this.rooms.retractRoom(account, roomId);
    this.changed();
  }

  markAccountRead(account: string): void {
    this.unread.clearAccount(account);
    this.rooms.retractAccount(account);
    this.changed();
  }

  /** New rules, levels or do-not-disturb; ending do-not-disturb shows its summary if asked for. */
  setSettings(settings: NotificationSettings): void {
    const wasDnd = this.dndHolding();
    this.settings = settings;
    this.decidingSettings = withServerRules(settings, this.serverRules);
    this.rooms.setCoalesceMs(settings.coalesceMs);
    if (wasDnd && !this.dndHolding()) this.endDnd();
    this.scheduleDndEnd();
    this.changed();
  }

  /**
   * The system's do-not-disturb changed (app/system-dnd reports it). Its end, like the end of
   * Tidings' own, shows the summary of what it held back, once neither holds any more.
   */
  setSystemDnd(system: SystemDndState): void {
    if (system.state === this.system.state && system.source === this.system.source) return;
    const wasDnd = this.dndHolding();
    this.system = system;
    if (wasDnd && !this.dndHolding()) this.endDnd();
    this.changed();
  }

  get systemDnd(): SystemDndState {
    return this.system;
  }

  /**
   * Rules an account's server keeps for the user (Rocket.Chat's highlights as keywords): they
   * count in every decision for that account and are never written to the user's settings.
   */
  setServerRules(account: string, rules: readonly Rule[]): void {
    if (rules.length > 0) this.serverRules.set(account, [...rules]);
    else if (!this.serverRules.delete(account)) return;
    this.decidingSettings = withServerRules(this.settings, this.serverRules);
  }

  get notificationSettings(): NotificationSettings {
    return this.settings;
  }

  shown(): RoomNotification[] {
    return this.rooms.shown();
  }

  close(): void {
    if (this.dndEndTimer) this.clock.clearTimeout(this.dndEndTimer);
    this.rooms.close();
  }

  private acceptNew(event: TidingsEvent): void {
    const now = this.clock.now();
    if (this.heldByDnd > 0 && !this.dndHolding()) this.endDnd();
    const verdict = decide(event, this.decidingSettings, now, this.system);
    if (countsAsUnread(event)) this.unread.increment(event.account, event.room.id, verdict.mention);
    this.history.record(event, verdict.decision, verdict.reason);
    if (verdict.decision === 'shown') this.rooms.add(event, verdict.mention);
    else if (verdict.decision === 'do not disturb' || verdict.decision === 'system do-not-disturb')
      this.heldByDnd++;
  }

  /** A timed do-not-disturb ends by itself: its summary shows then, not at the next event. */
  private scheduleDndEnd(): void {
    if (this.dndEndTimer) this.clock.clearTimeout(this.dndEndTimer);
    this.dndEndTimer = undefined;
    const { on, until } = this.settings.dnd;
    if (on || until === undefined) return;
    const remaining = Date.parse(until) - this.clock.now();
    if (remaining <= 0) return;
    this.dndEndTimer = this.clock.setTimeout(() => {
      this.dndEndTimer = undefined;
      if (!this.dndHolding()) {
        this.endDnd();
        this.changed();
      }
    }, remaining);
  }

  /** Whether a do-not-disturb that counts towards the summary holds notifications back now. */
  private dndHolding(): boolean {
    return (
      manualDndActive(this.settings.dnd, this.clock.now()) ||
      systemDndHolding(this.system, this.settings.dnd)
    );
  }

  private endDnd(): void {
    const held = this.heldByDnd;
    this.heldByDnd = 0;
    if (held === 0 || !this.settings.dnd.summary) return;
    const now = this.clock.now();
    const summary: TidingsEvent = {
      account: 'tidings',
      kind: 'unknown',
      id: `dnd-summary-${now}`,
      time: now,
      room: { id: 'do-not-disturb', name: 'Do not disturb', type: 'server' },
      title: 'While do-not-disturb was on',
      body: `${held} notification${held === 1 ? ' was' : 's were'} held back; see History.`,
      mentionsUser: false,
      ownMessage: false,
    };
    this.history.record(summary, 'shown', 'do-not-disturb summary');
    this.rooms.add(summary, false);
  }

  private recordSinkFailure(notification: RoomNotification, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.history.record(
      {
        account: notification.account,
        kind: notification.kind,
        id: `${notification.eventId}#failed-${this.clock.now()}`,
        time: this.clock.now(),
        room: notification.room,
        title: notification.title,
        body: notification.body,
        url: notification.url,
        mentionsUser: notification.mention,
        ownMessage: false,
      },
      'failed',
      `the system did not show it: ${reason}`,
    );
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function withServerRules(
  settings: NotificationSettings,
  serverRules: ReadonlyMap<string, Rule[]>,
): NotificationSettings {
  if (serverRules.size === 0) return settings;
  return { ...settings, rules: [...settings.rules, ...[...serverRules.values()].flat()] };
}
