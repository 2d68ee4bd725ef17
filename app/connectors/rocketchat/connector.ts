import { BadFrames } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import { CLOSED_FOR_FRAME } from '../shared/frame-limit.js';
import { readSecret } from '../shared/read-secret.js';
import {
  ConnectorError,
  type Connector,
  type ConnectorContext,
  type ConnectorFactory,
  type RoomInfo,
} from '../../core/connector.js';
import type { TidingsEvent } from '../../core/events.js';
import type { RocketChatAccount } from '../../core/settings/accounts.js';
import { catchUp } from './catch-up.js';
import { subscribeLive } from './live-streams.js';
import { loginError } from './login-errors.js';
import type { MapContext } from './map-context.js';
import { MessageMemory, type MessageState } from './message-memory.js';
import { RocketChatClient, type RealtimeOptions } from './realtime-client.js';
import { PreferenceWatch } from './preference-watch.js';
import { RoomDirectory, roomType } from './room-directory.js';
import { readAccountPreferences, saveServerLevel } from './server-levels.js';
import { SubscriptionCounters } from './subscription-events.js';
import { stringOf } from './wire.js';

/** Timing and limits; the defaults suit a real server, tests shorten them. */
export type RocketChatConnectorOptions = Pick<
  RealtimeOptions,
  'pingIntervalMs' | 'connectTimeoutMs' | 'callTimeoutMs' | 'maxFrameBytes'
>;

/**
 * What a notified message is remembered as until a room stream shows more. One shared object:
 * states are replaced, never changed, and the memory keeps thousands of them.
 */
const NOTIFIED: MessageState = Object.freeze({
  editedAt: 0,
  reactions: '',
  starred: 0,
  deleted: false,
});

/** A Rocket.Chat connector with a way to give it the two-factor code the server asked for. */
export interface RocketChatConnector extends Connector {
  /** The next connect() logs in with this code (then forgets it: codes are single-use). */
  setTwoFactorCode(code: string): void;
}

/**
 * The Rocket.Chat connector: a DDP session on `<server>/websocket`, logged in by password
 * (SHA-256 digest), two-factor code or token, with the user's own notification stream as the
 * main source, counters from subscriptions, and the account's rooms streamed as well. What it
 * learned (rooms, counters, messages seen) outlives a connection, for catch-up.
 */
export function rocketChatConnector(
  options: RocketChatConnectorOptions = {},
): ConnectorFactory<RocketChatAccount> {
  return (account, context) => createConnector(account, context, options);
}

export const createRocketChatConnector: ConnectorFactory<RocketChatAccount> = rocketChatConnector();

function createConnector(
  account: RocketChatAccount,
  context: ConnectorContext,
  options: RocketChatConnectorOptions,
): RocketChatConnector {
  const rooms = new RoomDirectory();
  const counters = new SubscriptionCounters();
  const memory = new MessageMemory();
  const preferences = new PreferenceWatch((current) => context.preferences?.(current));
  const badFrames = new BadFrames({
    account: account.id,
    server: 'Rocket.Chat',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });
  const server = account.server.replace(/\/+$/, '');
  let twoFactorCode = 'username' in account.auth ? account.auth.totp : undefined;
  /** The token of the last login: reconnects resume with it, so a 2FA code is needed once. */
  let resumeToken: string | undefined;
  let client: RocketChatClient | undefined;
  let synced = false;
  /** Connections made so far: catch-up on the first one follows a restart of the app. */
  let connections = 0;
  let userId = '';
  let username: string | undefined;

  const mapContext = (): MapContext => ({
    account: account.id,
    userId,
    username,
    server,
    rooms,
    receivedAt: Date.now(),
  });
  const emit = (event: TidingsEvent) => {
    if (event.kind === 'message-sent' && preferences.current.stayUntilDismissed)
      event.stayUntilDismissed = true;
    // A notified message counts as seen: catch-up and a later room-stream copy leave it out.
    if (event.kind === 'message-sent' && !event.catchUp) memory.setIfAbsent(event.id, NOTIFIED);
    context.emit(event);
  };

  async function logIn(current: RocketChatClient): Promise<void> {
    if (resumeToken !== undefined && (await resumed(current, resumeToken))) return;
    const { auth } = account;
    try {
      const result =
        'token' in auth
          ? await current.loginWithToken(await secret(auth.token))
          : await current.loginWithPassword(
              auth.username,
              await secret(auth.password),
              twoFactorCode,
            );
      resumeToken = result.token;
      // A code is good for one login; the resume token carries the session from here on.
      twoFactorCode = undefined;
    } catch (error) {
      throw loginError(error);
    }
    userId = current.userId!;
    username = current.username ?? username;
  }

  /** Resumes the last session; false when the server no longer knows the token. */
  async function resumed(current: RocketChatClient, token: string): Promise<boolean> {
    try {
      await current.loginWithToken(token);
    } catch (error) {
      const refused = loginError(error);
      if (refused.kind !== 'auth') throw refused;
      context.log.info('Rocket.Chat session token refused; signing in again', {
        account: account.id,
      });
      resumeToken = undefined;
      return false;
    }
    userId = current.userId!;
    return true;
  }

  /** The account's preferences on the server; a server without the route is left as it is. */
  async function readPreferences(): Promise<void> {
    if (!context.preferences || resumeToken === undefined) return;
    try {
      const fields = await readAccountPreferences(server, { userId, token: resumeToken });
      if (fields) preferences.account(fields);
    } catch (error) {
      context.log.warn('Rocket.Chat preferences not readable', {
        account: account.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    preferences.announce();
  }

  const secret = (value: Parameters<ConnectorContext['resolveSecret']>[0]) =>
    readSecret(context, value, 'the secret');

  /**
   * The user's rooms as they are now, and on the first connect their counters (those not zero
   * are news). After a reconnect the counters are left to catch-up, which compares them with
   * what they were before the outage.
   */
  async function sync(current: RocketChatClient): Promise<void> {
    const { update } = await current.getSubscriptions();
    for (const subscription of update) {
      rooms.learn(subscription);
      const owner = subscription.u as { username?: unknown } | undefined;
      username ??= stringOf(owner?.username);
    }
    preferences.subscriptions(update);
    if (synced) return;
    synced = true;
    const now = mapContext();
    for (const subscription of update) {
      const event = counters.update(subscription, now);
      if (event) emit(event);
    }
  }

  const connector: RocketChatConnector = {
    async connect() {
      await connector.close();
      const current = new RocketChatClient({
        server: account.server,
        log: context.log,
        onRefused: (kind, fields) => badFrames.refused(kind, fields),
        ...options,
      });
      client = current;
      let reported = false;
      const lost = (error: ConnectorError) => {
        if (client !== current || reported) return;
        reported = true;
        if (error.reconnectAtOnce) badFrames.explain(CLOSED_FOR_FRAME);
        context.lost(error);
      };
      current.onLost = lost;
      try {
        await current.connect();
        await logIn(current);
        await sync(current);
        // Not on the way to online: a slow or missing REST route must not hold the account back.
        void readPreferences();
        await subscribeLive(current, userId, account.rooms ?? [], {
          counters,
          memory,
          preferences,
          context: mapContext,
          emit,
          loggedOut: () =>
            lost(new ConnectorError('auth', 'logged out by the server: sign in again')),
          log: context.log,
          detail: context.detail,
        });
        connections++;
      } catch (error) {
        if (client === current) client = undefined;
        await current.close();
        throw ConnectorError.from(error);
      }
    },

    async close() {
      const current = client;
      client = undefined;
      await current?.close();
    },

    async catchUp(since) {
      if (!client) return;
      await catchUp(client, since, {
        counters,
        memory,
        context: mapContext,
        emit,
        seen: (id) => context.seen?.(id) ?? false,
        afterRestart: connections === 1,
      });
    },

    async markRead(roomId) {
      await online().markRead(roomId);
    },

    async reply(roomId, text, threadId) {
      await online().sendMessage(text, roomId, threadId);
    },

    async react(messageId, emoji) {
      await online().sendReaction(messageId, emoji);
    },

    async listRooms(): Promise<RoomInfo[]> {
      const current = online();
      const [channels, subscriptions] = await Promise.all([
        current.getChannelsRaw(),
        current.getSubscriptions(),
      ]);
      for (const room of channels) if (room.t !== 'd') rooms.learn(room);
      for (const subscription of subscriptions.update) rooms.learn(subscription);
      const unread = new Map(subscriptions.update.map((s) => [s.rid, s.unread]));
      return rooms.list().map(([id, room]) => {
        const count = unread.get(id);
        return {
          id,
          name: room.name ?? id,
          type: roomType(room.t),
          ...(typeof count === 'number' && { unread: count }),
        };
      });
    },

    async saveServerLevel(level, roomId) {
      const current = online();
      if (resumeToken === undefined) throw new ConnectorError('network', 'not signed in');
      await saveServerLevel(current, server, { userId, token: resumeToken }, level, roomId);
    },

    setTwoFactorCode(code) {
      twoFactorCode = code;
    },
  };

  function online(): RocketChatClient {
    if (!client) throw new ConnectorError('network', 'not connected');
    return client;
  }

  return connector;
}
