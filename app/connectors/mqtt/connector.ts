import { BadFrames } from '../../core/bad-frames.js';
import { BoundedMap } from '../../core/bounded-map.js';
import { systemClock } from '../../core/clock.js';
import type { Connector, ConnectorContext, ConnectorFactory } from '../../core/connector.js';
import type { MqttAccount } from '../../core/settings/accounts.js';
import { digestOf } from '../shared/digest.js';
import { MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { LiveSession } from '../shared/live-session.js';
import {
  refusedProtocolVersion,
  subackError,
  subscriptionWords,
} from '../shared/mqtt-reason-codes.js';
import {
  MqttSession,
  type MessageFlags,
  type MqttSessionOptions,
  type SubscriptionResult,
} from '../shared/mqtt-session.js';
import { readSecret } from '../shared/read-secret.js';
import { mapMqttMessage } from './mapper.js';

/** A day, as for Dino: the broker keeps what arrives over a laptop's night off. */
export const DEFAULT_SESSION_EXPIRY_SECONDS = 24 * 60 * 60;
/** Enough recent messages to recognise the ones a broker sends again after a lost PUBACK. */
const RECENT_MESSAGES = 1_000;
const REFUSED = 0x80;

/** Tests shorten the keepalive; the app uses the defaults. */
export type MqttTuning = Pick<MqttSessionOptions, 'keepaliveSeconds'>;

export const createMqttConnector: ConnectorFactory<MqttAccount> = (account, context) =>
  mqttConnector()(account, context);

export function mqttConnector(tuning: MqttTuning = {}): ConnectorFactory<MqttAccount> {
  return (account, context) => createConnector(account, context, tuning);
}

/** Stable across restarts, so the broker keeps the session: one per account. */
export function defaultClientId(account: Pick<MqttAccount, 'id'>): string {
  return `tidings_${account.id}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/**
 * Any MQTT broker: the account's topic filters at QoS 1 on a persistent session, so what is
 * published while the app is away waits on the broker (no `catchUp` needed). MQTT 5 first; a
 * broker that refuses it ("unacceptable protocol version") gets MQTT 3.1.1 from then on.
 */
function createConnector(
  account: MqttAccount,
  context: ConnectorContext,
  tuning: MqttTuning,
): Connector {
  const live = new LiveSession<MqttSession>();
  /** Set: the user chose a version, or the broker refused MQTT 5 once. */
  let version: 4 | 5 | undefined =
    account.mqttVersion === '3.1.1' ? 4 : account.mqttVersion === '5' ? 5 : undefined;
  const ids = new MessageIds();
  const refused = new BadFrames({
    account: account.id,
    server: 'MQTT broker',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });

  function received(topic: string, payload: Buffer, flags: MessageFlags): void {
    // MQTT 5 tells the broker the largest packet we take; a 3.1.1 broker cannot be told, so what
    // it sends past the limit is dropped here, with a count beside the status and a log line.
    if (payload.length > MAX_FRAME_BYTES) {
      refused.refused('too large', { topic, bytes: payload.length });
      return;
    }
    const receivedAt = Date.now();
    context.emit(
      mapMqttMessage(account, {
        topic,
        payload,
        retained: flags.retained,
        id: ids.idOf(topic, payload, flags, receivedAt),
        receivedAt,
      }),
    );
  }

  async function open(protocolVersion: 4 | 5, password: string | undefined): Promise<void> {
    const results: SubscriptionResult[] = [];
    const current = new MqttSession(
      {
        url: account.broker,
        clientId: account.clientId ?? defaultClientId(account),
        sessionExpirySeconds: account.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_SECONDS,
        subscriptions: account.topics.map((topic) => ({ topic, required: false })),
        brokerName: 'MQTT',
        protocolVersion,
        retainHandling: 1,
        ...tuning,
        username: account.auth?.username,
        password,
        ...(context.probe && { probe: true }),
      },
      {
        message: received,
        subscribed: (result) => {
          results.push(result);
          context.detail(result.topic, subscriptionWords(result.code));
        },
        lost: (error) => {
          if (live.isLive(current)) context.lost(error);
        },
        ...(context.persisted && { persisted: context.persisted }),
      },
      context.log,
    );
    await live.open(current);
    // Some filters refused is shown beside the status; all of them and nothing would ever arrive.
    const granted = results.some((result) => result.code < REFUSED);
    const first = results[0];
    if (!granted && first) {
      await live.close();
      throw subackError(first.topic, first.code);
    }
  }

  const connector: Connector = {
    async connect() {
      await connector.close();
      const password = account.auth
        ? await readSecret(context, account.auth.password, 'the password')
        : undefined;
      try {
        await open(version ?? 5, password);
      } catch (error) {
        if (version !== undefined || !refusedProtocolVersion(error)) throw error;
        context.log.info('the MQTT broker refused MQTT 5; using MQTT 3.1.1', {
          account: account.id,
        });
        version = 4;
        await open(version, password);
      }
      context.detail('protocol', protocolWords(version ?? 5, account.mqttVersion !== undefined));
    },
    close: () => live.close(),
    // The room pickers offer each topic filter before anything arrived through it; rooms by
    // topic come from history, as no broker lists its topics.
    listRooms: () =>
      Promise.resolve(
        account.room === 'topic'
          ? []
          : account.topics.map((topic) => ({
              id: topic,
              name: topic,
              type: 'collection' as const,
            })),
      ),
  };
  return connector;
}

function protocolWords(version: 4 | 5, chosen: boolean): string {
  if (version === 5) return 'MQTT 5';
  return chosen ? 'MQTT 3.1.1' : 'MQTT 3.1.1 (the broker does not speak MQTT 5)';
}

/**
 * MQTT carries no message id. A live message gets a new one each time, so the same reading
 * twice is two events; one the broker marks as sent again (DUP) keeps the id it had, so the
 * pipeline's dedupe drops it; a retained one is named by its content, so the copy sent on every
 * new subscription lands in history once.
 */
class MessageIds {
  private readonly recent = new BoundedMap<string, string>(RECENT_MESSAGES);
  private sequence = 0;

  idOf(topic: string, payload: Buffer, flags: MessageFlags, receivedAt: number): string {
    const content = `${topic}:${digestOf(`${topic}\u0000${payload.toString('latin1')}`)}`;
    if (flags.retained) return `retained:${content}`;
    const earlier = flags.redelivered ? this.recent.get(content) : undefined;
    if (earlier !== undefined) return earlier;
    const id = `${content}:${receivedAt}:${++this.sequence}`;
    this.recent.set(content, id);
    return id;
  }
}
