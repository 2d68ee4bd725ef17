import { ConnectorError, type ConnectorContext } from '../../core/connector.js';
import type { TidingsEvent } from '../../core/events.js';
import { DdpError } from './ddp-error.js';
import type { MapContext } from './map-context.js';
import { deletionEvent, roomMessageEvent } from './message-events.js';
import type { MessageMemory } from './message-memory.js';
import { notificationEvent } from './notification-events.js';
import type { PreferenceWatch } from './preference-watch.js';
import { userStatusEvent } from './presence-events.js';
import type { RocketChatClient } from './realtime-client.js';
import { membershipEvent, type SubscriptionCounters } from './subscription-events.js';
import { MalformedFrame, objectOf, stringOf } from './wire.js';

export interface LiveState {
  counters: SubscriptionCounters;
  memory: MessageMemory;
  preferences: PreferenceWatch;
  context: () => MapContext;
  emit(event: TidingsEvent): void;
  /** `force_logout`: the token is gone, the user must sign in again. */
  loggedOut(): void;
  log: ConnectorContext['log'];
  detail: ConnectorContext['detail'];
}

/**
 * The streams a notifier listens to (protocol notes §14): the user's notifications,
 * subscription counters, room changes and forced logout (all required), presence, and for each
 * room in the account's `rooms` its messages and deletions (a refusal is shown, not fatal).
 */
export async function subscribeLive(
  client: RocketChatClient,
  userId: string,
  rooms: readonly string[],
  state: LiveState,
): Promise<void> {
  const guarded = (what: string, handle: (args: unknown[]) => void) => (args: unknown[]) => {
    try {
      handle(args);
    } catch (error) {
      if (!(error instanceof MalformedFrame)) throw error;
      state.log.warn('Rocket.Chat event ignored', { stream: what, reason: error.message });
    }
  };
  const emit = (event: TidingsEvent | undefined) => {
    if (event) state.emit(event);
  };
  const user = (event: string, handle: (args: unknown[]) => void) =>
    client.stream('notify-user', `${userId}/${event}`, guarded(event, handle));

  await Promise.all([
    user('notification', (args) => emit(notificationEvent(args[0], state.context()))),
    user('subscriptions-changed', (args) => subscriptionChanged(args, state)),
    user('rooms-changed', (args) => roomChanged(args, state)),
    user('force_logout', () => state.loggedOut()),
  ]).catch((error: unknown) => {
    throw subscribeError(error);
  });

  // The user's own document: preference changes made in the web app or on the phone.
  await user('userData', (args) => state.preferences.userData(args)).catch((error: unknown) =>
    state.log.warn('preference changes not available', { reason: String(error) }),
  );

  await client
    .stream(
      'notify-logged',
      'user-status',
      guarded('user-status', (args) => emit(userStatusEvent(args, state.context()))),
    )
    .catch((error: unknown) => state.log.warn('presence not available', { reason: String(error) }));

  await Promise.all(
    rooms.map(async (rid) => {
      try {
        await client.stream(
          'room-messages',
          rid,
          guarded('room-messages', (args) =>
            emit(roomMessageEvent(args[0], state.context(), state.memory)),
          ),
        );
        await client.stream(
          'notify-room',
          `${rid}/deleteMessage`,
          guarded('deleteMessage', (args) => {
            const id = stringOf(objectOf(args[0])?._id);
            if (!id) throw new MalformedFrame('deleteMessage without _id');
            emit(deletionEvent(id, rid, state.context()));
          }),
        );
        state.detail(rid, 'subscribed');
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        state.detail(rid, `refused: ${refusal(error)}`);
        state.log.warn('Rocket.Chat room refused', { room: rid, reason: refusal(error) });
      }
    }),
  );
}

function subscriptionChanged(args: unknown[], state: LiveState): void {
  const action = args[0];
  const subscription = objectOf(args[1]);
  if (!subscription || typeof action !== 'string')
    throw new MalformedFrame('subscriptions-changed without a subscription');
  const context = state.context();
  if (action === 'removed') {
    const rid = stringOf(subscription.rid);
    state.emit(membershipEvent('removed', subscription, context));
    if (rid) {
      context.rooms.forget(rid);
      state.counters.forget(rid);
      state.preferences.removeRoom(rid);
    }
    return;
  }
  context.rooms.learn(subscription);
  state.preferences.subscriptions([subscription]);
  if (action === 'inserted') state.emit(membershipEvent('inserted', subscription, context));
  const event = state.counters.update(subscription, context);
  if (event) state.emit(event);
}

function roomChanged(args: unknown[], state: LiveState): void {
  const room = objectOf(args[1]);
  if (!room) throw new MalformedFrame('rooms-changed without a room');
  const rid = stringOf(room._id);
  if (args[0] === 'removed') {
    if (rid) state.context().rooms.forget(rid);
  } else if (rid && stringOf(room.t) !== 'd') {
    // Direct rooms are named after the other person, which the subscription knows; keep that.
    state.context().rooms.learn(room);
  }
}

function refusal(error: unknown): string {
  if (error instanceof DdpError) return error.reason ?? String(error.code);
  return error instanceof Error ? error.message : String(error);
}

function subscribeError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  return new ConnectorError(
    'protocol',
    `the server refused the user's streams: ${refusal(error)}`,
    { cause: error },
  );
}
