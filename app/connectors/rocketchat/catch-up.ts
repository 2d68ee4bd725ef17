import type { TidingsEvent } from '../../core/events.js';
import { summaryTitle } from '../../core/pipeline/summary.js';
import { foldedBody } from '../shared/catch-up.js';
import { msOf } from './ejson.js';
import type { MapContext } from './map-context.js';
import { roomMessageEvent } from './message-events.js';
import type { MessageMemory } from './message-memory.js';
import type { RocketChatClient } from './realtime-client.js';
import { countsOf, type SubscriptionCounters } from './subscription-events.js';
import type { WireObject } from './wire.js';

/**
 * How far before the app noticed the outage to look. A link can be dead for up to two ping
 * intervals before that, and the server's clock may differ from ours; messages already seen in
 * that margin are left out by id.
 */
export const CATCH_UP_MARGIN_MS = 60_000;

export interface CatchUpState {
  counters: SubscriptionCounters;
  memory: MessageMemory;
  context: () => MapContext;
  emit(event: TidingsEvent): void;
  /** Whether the app has this message already, from this run or one before it. */
  seen(id: string): boolean;
  /**
   * The counters came from this connection's first sync rather than from before an outage (the
   * app restarted): they cannot tell which rooms rose, so every room with unread is looked at.
   */
  afterRestart: boolean;
}

/**
 * After a reconnect or a wake: the subscriptions changed since `since`, then the messages
 * missed in each room whose unread count rose. Every missed message goes to history; each room
 * shows one summary (or the message itself when only one was missed); what was already seen
 * before the outage is left out.
 */
export async function catchUp(
  client: RocketChatClient,
  lastOnline: number,
  state: CatchUpState,
): Promise<void> {
  const since = lastOnline - CATCH_UP_MARGIN_MS;
  const { update } = await client.getSubscriptions(since);
  const context = state.context();
  for (const subscription of update) context.rooms.learn(subscription);
  for (const subscription of update) {
    const rid = subscription.rid;
    if (typeof rid !== 'string') continue;
    const before = state.afterRestart ? 0 : (state.counters.get(rid)?.unread ?? 0);
    if (countsOf(subscription).unread > before) await catchUpRoom(client, rid, since, state);
  }
  // The server's counters last, so they are what the app's unread counts end up as.
  for (const subscription of update) {
    const event = state.counters.update(subscription, state.context());
    if (event) state.emit({ ...event, catchUp: true });
  }
}

async function catchUpRoom(
  client: RocketChatClient,
  rid: string,
  since: number,
  state: CatchUpState,
): Promise<void> {
  const messages = await client.missedMessages(rid, since);
  const missed: TidingsEvent[] = [];
  // The server answers newest first; history reads better oldest first.
  for (const message of [...messages].reverse()) {
    const event = newMessage(message, state);
    if (event) missed.push(event);
  }
  if (missed.length === 0) return;
  if (missed.length === 1) {
    state.emit({ ...missed[0]!, catchUp: true });
    return;
  }
  for (const event of missed)
    state.emit({
      ...event,
      catchUp: true,
      historyOnly: 'missed while offline: in the room summary',
    });
  state.emit(summary(rid, missed, state.context()));
}

/** A message not seen before, by someone else, that is not a system message. */
function newMessage(message: WireObject, state: CatchUpState): TidingsEvent | undefined {
  const id = message._id;
  if (typeof id !== 'string' || state.memory.has(id) || state.seen(id)) return undefined;
  let event: TidingsEvent | undefined;
  try {
    event = roomMessageEvent(message, state.context(), state.memory);
  } catch {
    return undefined;
  }
  return event?.kind === 'message-sent' && !event.ownMessage ? event : undefined;
}

function summary(rid: string, missed: TidingsEvent[], context: MapContext): TidingsEvent {
  const oldest = missed[0]!;
  const newest = missed.at(-1)!;
  const room = context.rooms.room(rid);
  return {
    account: context.account,
    kind: 'message-sent',
    id: `catch-up:${rid}:${newest.id}`,
    time: msOf((newest.raw as WireObject | undefined)?.ts) ?? newest.time,
    room,
    ...(newest.author && { author: newest.author }),
    title: summaryTitle(
      missed.length,
      room,
      missed.map((event) => event.kind),
    ),
    body: foldedBody(newest, missed.slice(0, -1)),
    mentionsUser: missed.some((event) => event.mentionsUser),
    ownMessage: false,
    // The oldest missed message: where reading should start.
    ...(oldest.url !== undefined && { url: oldest.url }),
    catchUp: true,
  };
}
