import { BadFrames } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import { CLOSED_FOR_FRAME } from '../shared/frame-limit.js';
import { readSecret } from '../shared/read-secret.js';
import { LiveSession } from '../shared/live-session.js';
import { ConnectorError, type Connector, type ConnectorContext } from '../../core/connector.js';
import type { TidingsEvent } from '../../core/events.js';
import type { KuzzleAccount } from '../../core/settings/accounts.js';
import type { Secret } from '../../core/settings/fields.js';
import { catchUpSubscriptions, serverNow } from './catch-up.js';
import { listCollections } from './collection-list.js';
import { mapNotification } from './mapper.js';
import { MqttTransport } from './mqtt-transport.js';
import { KuzzleSession, type Credentials } from './session.js';
import { SocketIoTransport } from './socketio-transport.js';
import { subscriptionSpecs } from './subscriptions.js';
import {
  DEFAULT_TUNING,
  type Transport,
  type TransportEvents,
  type TransportTuning,
} from './transport.js';
import { WebSocketTransport } from './websocket-transport.js';

export interface KuzzleTuning extends TransportTuning {
  requestTimeoutMs: number;
}

const DEFAULTS: KuzzleTuning = { ...DEFAULT_TUNING, requestTimeoutMs: 30_000 };

const TRANSPORTS = {
  websocket: WebSocketTransport,
  socketio: SocketIoTransport,
  mqtt: MqttTransport,
} satisfies Record<KuzzleAccount['transport'], unknown>;

/**
 * The Kuzzle connector: one session (sign in, subscribe) over WebSocket, Socket.io or MQTT,
 * each notification mapped to an event. A reconnect is a new session that signs in and
 * subscribes again, as the official SDK does. Kuzzle keeps no backlog: catch-up searches the
 * stored documents written meanwhile instead (catch-up.ts).
 */
export function createKuzzleConnector(
  account: KuzzleAccount,
  context: ConnectorContext,
  tuning: Partial<KuzzleTuning> = {},
): Connector {
  const options = { ...DEFAULTS, ...tuning };
  const subscriptions = subscriptionSpecs(account);
  const live = new LiveSession<KuzzleSession>();
  let online: KuzzleSession | undefined;
  // Said once per subscription for the connector's life, not at every reconnect.
  const refused = new Set<string>();
  // When the connector first came online, by our clock and by Kuzzle's: catch-up reaches back
  // no further (the account was not online before), unless an earlier run says it was.
  let firstOnline: { local: number; server: number | undefined } | undefined;
  const badFrames = new BadFrames({
    account: account.id,
    server: 'Kuzzle',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });

  function emit(event: TidingsEvent | undefined): void {
    if (event) context.emit(event);
  }

  function expiredEvent(current: KuzzleSession, renewed: boolean): TidingsEvent {
    const now = Date.now();
    return {
      account: account.id,
      kind: 'session-expired',
      id: `session-expired|${now}`,
      time: now,
      room: { id: 'kuzzle:server', name: account.name ?? account.id, type: 'server' },
      title: 'Kuzzle session expired',
      body: renewed ? 'signed in again' : 'sign in again to keep receiving notifications',
      mentionsUser: false,
      ownMessage: false,
      // Renewed without the user: worth a line in history, not a notification.
      ...(renewed && { historyOnly: 'renewed automatically' }),
      ...(current.kuid !== '-1' && { author: { id: current.kuid } }),
    };
  }

  function catchUpOn(session: KuzzleSession, since: number): Promise<void> {
    return catchUpSubscriptions(subscriptions, since, {
      account: account.id,
      kuid: session.kuid,
      request: (request) => session.request(request),
      emit: (event) => context.emit(event),
      seen: (id) => context.seen?.(id) ?? false,
      log: context.log,
      detail: (key, value) => context.detail(key, value),
      refused,
      ...(firstOnline?.server !== undefined && { notBefore: firstOnline.server }),
    });
  }

  const connector: Connector = {
    async connect() {
      await connector.close();
      const credentials = await readCredentials(account, context);
      const Transport = TRANSPORTS[account.transport];
      const open = (events: Omit<TransportEvents, 'refused'>): Transport =>
        new Transport(
          account.server,
          options,
          { ...events, refused: (kind, fields) => badFrames.refused(kind, fields) },
          context.log,
        );
      const current: KuzzleSession = new KuzzleSession(
        open,
        { credentials, subscriptions, requestTimeoutMs: options.requestTimeoutMs },
        {
          notification: (subscription, frame) => {
            try {
              emit(
                mapNotification(frame, {
                  account: account.id,
                  subscription,
                  kuid: current.kuid,
                  receivedAt: Date.now(),
                }),
              );
            } catch (error) {
              context.log.error('Kuzzle notification handling failed', { error: String(error) });
            }
          },
          expired: (renewed) => emit(expiredEvent(current, renewed)),
          // The token ran out and took the subscriptions with it until they were made again.
          resubscribed: (since) => {
            if (!live.isLive(current)) return;
            catchUpOn(current, since).catch((error: unknown) =>
              context.log.warn('Kuzzle catch-up after the session renewal failed', {
                account: account.id,
                error: ConnectorError.from(error).message,
              }),
            );
          },
          subscribed: (subscription, result) => context.detail(subscription.key, result),
          lost: (error) => {
            if (error.reconnectAtOnce) badFrames.explain(CLOSED_FOR_FRAME);
            if (live.isLive(current)) context.lost(error);
          },
        },
        context.log,
      );
      await live.open(current);
      if (!firstOnline && !context.probe) {
        const local = Date.now();
        firstOnline = { local, server: await serverNow((request) => current.request(request)) };
      }
      online = current;
    },
    async catchUp(since) {
      const session = online;
      if (!session || !live.isLive(session))
        throw new ConnectorError('network', 'Kuzzle catch-up: not connected');
      // From before this connector first came online, `since` is an earlier run's marker: the
      // account was online then, so the margin's reach back is kept whole from now on.
      if (firstOnline && since < firstOnline.local) firstOnline.server = undefined;
      await catchUpOn(session, since);
    },
    close: () => {
      online = undefined;
      return live.close();
    },
    async listRooms() {
      const session = live.current;
      if (!session) throw new ConnectorError('network', 'not connected');
      const followed = new Set(subscriptions.map((s) => `${s.index}/${s.collection}`));
      return (await listCollections((request) => session.request(request))).map((room) =>
        followed.has(room.id) ? { ...room, followed: true } : room,
      );
    },
  };
  return connector;
}

async function readCredentials(
  account: KuzzleAccount,
  context: ConnectorContext,
): Promise<Credentials> {
  const { auth } = account;
  if (!auth) return { kind: 'anonymous' };
  const read = (secret: Secret) => readSecret(context, secret, 'the Kuzzle secret');
  if ('username' in auth)
    return { kind: 'password', username: auth.username, password: await read(auth.password) };
  return { kind: 'token', token: await read('apiKey' in auth ? auth.apiKey : auth.token) };
}
