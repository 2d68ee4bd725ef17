import { roomLabel, type EventKind, type TidingsEvent } from '../../core/events.js';
import { msOf } from './ejson.js';
import type { MapContext } from './map-context.js';
import { MalformedFrame, numberOf, stringOf, type WireObject } from './wire.js';

export interface Counts {
  unread: number;
  mentions: number;
}

/** A subscription's counters: `unread`, and mentions of the user plus `@all`/`@here`. */
export function countsOf(subscription: WireObject): Counts {
  return {
    unread: numberOf(subscription.unread) ?? 0,
    mentions:
      (numberOf(subscription.userMentions) ?? 0) + (numberOf(subscription.groupMentions) ?? 0),
  };
}

/**
 * The server's unread and mention counters per room, as last seen. A change becomes
 * `subscription-unread`, `-mentioned` or `-read` carrying the absolute counts, which the app
 * takes as its own unread counts; a change of anything else is not news.
 */
export class SubscriptionCounters {
  private readonly counts = new Map<string, Counts & { at: number }>();

  get(rid: string): Counts | undefined {
    return this.counts.get(rid);
  }

  /** The event for a subscription's current counters, or undefined when they did not move. */
  update(subscription: WireObject, context: MapContext): TidingsEvent | undefined {
    const rid = stringOf(subscription.rid);
    if (!rid) throw new MalformedFrame('subscription without rid');
    const now = countsOf(subscription);
    const at = msOf(subscription._updatedAt) ?? 0;
    const before = this.counts.get(rid);
    // A snapshot older than what was applied (a catch-up answer overtaken by a live event).
    if (before && at < before.at) return undefined;
    this.counts.set(rid, { unread: now.unread, mentions: now.mentions, at });
    if (
      before
        ? before.unread === now.unread && before.mentions === now.mentions
        : now.unread === 0 && now.mentions === 0
    )
      return undefined;
    const kind: EventKind =
      now.unread === 0 && now.mentions === 0
        ? 'subscription-read'
        : now.mentions > (before?.mentions ?? 0)
          ? 'subscription-mentioned'
          : 'subscription-unread';
    return countersEvent(kind, rid, subscription, now, context);
  }

  forget(rid: string): void {
    this.counts.delete(rid);
  }
}

function countersEvent(
  kind: EventKind,
  rid: string,
  subscription: WireObject,
  counts: Counts,
  context: MapContext,
): TidingsEvent {
  const room = context.rooms.room(rid, stringOf(subscription.t), stringOf(subscription.name));
  const time = msOf(subscription._updatedAt) ?? context.receivedAt;
  return {
    account: context.account,
    kind,
    id: `${kind}:${rid}:${time}:${counts.unread}:${counts.mentions}`,
    time,
    room,
    title: roomLabel(room),
    body: `${counts.unread} unread, ${counts.mentions} mention${counts.mentions === 1 ? '' : 's'}`,
    mentionsUser: counts.mentions > 0,
    ownMessage: false,
    unread: { count: counts.unread, mentions: counts.mentions },
    // Counters are state: they set the app's counts, and never notify on their own.
    ...(kind !== 'subscription-read' && { historyOnly: 'unread counters' }),
    raw: subscription,
  };
}

/** `inserted`/`removed` subscriptions: the user joined or left a room somewhere. */
export function membershipEvent(
  action: 'inserted' | 'removed',
  subscription: WireObject,
  context: MapContext,
): TidingsEvent {
  const rid = stringOf(subscription.rid) ?? stringOf(subscription._id) ?? 'unknown';
  const room = context.rooms.room(rid, stringOf(subscription.t), stringOf(subscription.name));
  const kind: EventKind = action === 'inserted' ? 'subscription-created' : 'subscription-deleted';
  return {
    account: context.account,
    kind,
    id: `${kind}:${rid}:${msOf(subscription._updatedAt) ?? context.receivedAt}`,
    time: context.receivedAt,
    room,
    title: roomLabel(room),
    body: action === 'inserted' ? 'you are in this room now' : 'you are no longer in this room',
    mentionsUser: false,
    ownMessage: false,
    raw: subscription,
  };
}
