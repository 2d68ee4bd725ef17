import { holdPubacksUntilCommitted } from './held-pubacks.js';
import { closedForLargeFrame, MAX_FRAME_BYTES } from './frame-limit.js';
import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { connackError, disconnectError, subackError, v5ConnackCode } from './mqtt-reason-codes.js';

export interface Subscription {
  topic: string;
  /** Without it the account receives nothing: a refusal fails the session. */
  required: boolean;
}

export interface SessionOptions {
  url: string;
  clientId: string;
  sessionExpirySeconds: number;
  subscriptions: Subscription[];
}

export interface SubscriptionResult extends Subscription {
  /** The QoS the broker granted, or the MQTT 5 reason code (>= 0x80) it refused with. */
  code: number;
}

export interface MessageFlags {
  /** The broker sent a stored message because of the SUBSCRIBE, not a live one. */
  retained: boolean;
  /** DUP: the broker may have sent this one before (its PUBACK never reached the broker). */
  redelivered: boolean;
}

export interface SessionEvents {
  message(topic: string, payload: Buffer, flags: MessageFlags): void;
  subscribed(result: SubscriptionResult): void;
  /** The connection dropped after `open()` had resolved. */
  lost(error: ConnectorError): void;
  /** Resolves once what `message` led to is committed; the PUBACK waits for it. */
  persisted?(): Promise<void>;
}

export interface MqttSessionOptions extends SessionOptions {
  /** Whose broker, in words and logs: "Dino" ("the Dino broker", "Dino event handling failed"). */
  brokerName: string;
  /** 5 (the default) or 4, MQTT 3.1.1 for older brokers. */
  protocolVersion?: 4 | 5;
  /**
   * MQTT 5 Retain Handling: 1 sends retained messages only for a subscription the session did
   * not hold yet, so reconnecting to a persistent session does not repeat them.
   */
  retainHandling?: 0 | 1;
  username?: string | undefined;
  password?: string | undefined;
  connectTimeoutMs?: number;
  keepaliveSeconds?: number;
  /**
   * A throwaway connection beside the account's live one ("Test connection"): its own client id
   * and a clean session that ends with it, so the broker neither takes the live session over
   * (disconnecting the app) nor hands this one the messages queued for it.
   */
  probe?: boolean;
}

/**
 * The probe's client id: the account's, marked and made unique (two windows may test at once).
 * Brokers that bind credentials to the exact client id (Dino's VerneMQ) refuse it; see
 * docs/architecture.md, "Test connection beside a live session".
 */
export function probeClientId(clientId: string): string {
  return `${clientId}-test-${randomBytes(3).toString('hex')}`;
}

const CLOSE_GRACE_MS = 2_000;
/**
 * mqtt.js 5 sends PINGREQ after one keepalive without an ack or PINGRESP from the broker and,
 * with no PINGRESP half a keepalive later, closes the link with "Keepalive timeout": a link that
 * stops forwarding is found within 1.5 keepalives, 22.5 s here (at the old 60 s, 90 s).
 */
export const DEFAULT_KEEPALIVE_SECONDS = 15;

/** The longest a silent link goes unnoticed with this keepalive (see above). */
export function silentLinkDeadlineMs(keepaliveSeconds: number): number {
  return keepaliveSeconds * 1_500;
}
/** MQTT 5 reason codes from 0x80 up are failures. */
const FAILURE = 0x80;

/**
 * One MQTT connection (5, or 3.1.1 for older brokers), opened once and never reconnected: the supervisor
 * owns retries and backoff, so mqtt.js's own reconnect is off (`reconnectPeriod: 0`). Clean
 * Start is off and the session outlives the connection, so the broker queues what arrives while
 * the app is away and delivers it on the next `open()` with the same client id.
 */
/** MQTT 5 reason code 0x95, Packet too large. */
const PACKET_TOO_LARGE = 149;

export class MqttSession {
  private readonly client: MqttClient;
  private readonly clientId: string;
  private state: 'idle' | 'connecting' | 'online' | 'closed' = 'idle';
  private lastError: Error | undefined;
  private disconnectCode: number | undefined;
  private settle: { resolve(): void; reject(error: ConnectorError): void } | undefined;

  constructor(
    private readonly options: MqttSessionOptions,
    private readonly events: SessionEvents,
    private readonly log: Logger,
  ) {
    const probe = options.probe === true;
    this.clientId = probe ? probeClientId(options.clientId) : options.clientId;
    this.client = connect(options.url, {
      protocolVersion: options.protocolVersion ?? 5,
      clientId: this.clientId,
      // A probe's session is its own and ends with it (expiry 0; with 3.1.1 clean means that).
      clean: probe,
      // MQTT 3.1.1 has no properties: its session lasts as long as the broker is configured to keep it.
      ...((options.protocolVersion ?? 5) === 5 && {
        properties: {
          sessionExpiryInterval: probe ? 0 : options.sessionExpirySeconds,
          // MQTT 5: the broker must not send a larger packet (it discards it, as if delivered), so
          // none is ever buffered here. mqtt.js closes the link if a broker sends one anyway.
          maximumPacketSize: MAX_FRAME_BYTES,
        },
      }),
      reconnectPeriod: 0,
      resubscribe: false,
      manualConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 30_000,
      keepalive: options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_SECONDS,
      // QoS 1 and 2 come here with MQTT 5; the PUBACK itself waits for the commit
      // (holdPubacksUntilCommitted below): a crash before that and the broker sends it again.
      customHandleAcks: (topic, payload, packet, ack) => {
        // A probe's copies are its own (the live session gets its own copy): dropped, acked.
        if (!probe) this.deliver(topic, payload, packet);
        ack(0);
      },
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: options.password }),
    });
    const v5 = (options.protocolVersion ?? 5) === 5;
    if (v5 && !probe && events.persisted)
      holdPubacksUntilCommitted(this.client, events.persisted, (error) =>
        this.client.emit('error', error),
      );
    if (!v5) {
      // mqtt.js honours customHandleAcks with MQTT 5 only. With 3.1.1 its handleMessage hook
      // holds the PUBACK instead; mqtt.js then reads the next message only after this one is
      // committed, which is slower in a burst but loses nothing.
      this.client.handleMessage = (_packet, callback) => {
        if (probe) return callback();
        (events.persisted?.() ?? Promise.resolve()).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      };
    }
    // Every listener lives as long as the client; without an 'error' listener mqtt.js throws.
    // With MQTT 5, QoS 1 and 2 were delivered in customHandleAcks; mqtt.js emits them again after
    // the ack. With 3.1.1 this is the one delivery, before handleMessage above.
    this.client.on('message', (topic, payload, packet) => {
      if (!probe && (packet.qos === 0 || !v5)) this.deliver(topic, payload, packet);
    });
    this.client.on('error', (error) => {
      this.lastError = error;
    });
    this.client.on('disconnect', (packet) => {
      this.disconnectCode = packet.reasonCode;
    });
    this.client.on('connect', () => void this.subscribeAll());
    this.client.on('close', () => this.closed());
  }

  /** Resolves on CONNACK and every SUBACK; rejects with a ConnectorError that says why not. */
  open(): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new ConnectorError('network', 'already used'));
    this.state = 'connecting';
    const opened = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.client.connect();
    return opened;
  }

  async close(): Promise<void> {
    const started = this.state !== 'idle';
    // Say goodbye with DISCONNECT when connected; the session stays on the broker either way.
    const graceful = this.client.connected;
    this.state = 'closed';
    this.fail(new ConnectorError('network', 'closed before the broker answered'));
    if (!started) return;
    await new Promise<void>((resolve) => {
      // A dead socket may never finish a graceful DISCONNECT; then cut it.
      const timer = setTimeout(() => this.client.stream?.destroy(), CLOSE_GRACE_MS);
      this.client.end(!graceful, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private deliver(topic: string, payload: Buffer, packet: { retain: boolean; dup: boolean }): void {
    // A throwing listener would break mqtt.js's packet handling and lose the PUBACK.
    try {
      this.events.message(topic, payload, { retained: packet.retain, redelivered: packet.dup });
    } catch (error) {
      this.log.error(`${this.options.brokerName} event handling failed`, {
        topic,
        error: String(error),
      });
    }
  }

  private async subscribeAll(): Promise<void> {
    if (this.state !== 'connecting') return;
    let results: SubscriptionResult[];
    try {
      results = await Promise.all(this.options.subscriptions.map((s) => this.subscribe(s)));
    } catch (error) {
      this.fail(ConnectorError.from(error));
      return;
    }
    if (this.state !== 'connecting') return;
    for (const result of results) this.events.subscribed(result);
    const refused = results.find((r) => r.required && r.code >= FAILURE);
    if (refused) {
      this.fail(subackError(refused.topic, refused.code));
      return;
    }
    this.state = 'online';
    this.settle?.resolve();
    this.settle = undefined;
  }

  private subscribe(subscription: Subscription): Promise<SubscriptionResult> {
    return new Promise((resolve, reject) => {
      // A probe subscribes only to learn from the SUBACK whether the broker allows the topic; with
      // MQTT 5 it asks for no retained messages (Retain Handling 2).
      const rh =
        this.options.probe && this.options.protocolVersion !== 4 ? 2 : this.options.retainHandling;
      const options = { qos: 1 as const, ...(rh && { rh }) };
      this.client.subscribe(subscription.topic, options, (error, granted) => {
        // A refusal comes as an error carrying the SUBACK (mqtt.js ErrorWithSubackPacket).
        const packet = (error as { packet?: { granted: number[] } } | null)?.packet;
        const code = packet?.granted[0] ?? granted?.[0]?.qos;
        if (typeof code === 'number') resolve({ ...subscription, code });
        else if (error?.message.startsWith('Invalid topic'))
          reject(new ConnectorError('config', `invalid MQTT topic ${subscription.topic}`));
        else reject(new ConnectorError('network', error?.message ?? 'subscription failed'));
      });
    });
  }

  private closed(): void {
    const state = this.state;
    this.state = 'closed';
    if (state === 'connecting') this.fail(this.connectFailure());
    else if (state === 'online') this.events.lost(this.lostError());
  }

  /** The broker's DISCONNECT reason if it sent one, else what the socket or keepalive said. */
  private lostError(): ConnectorError {
    const error = this.lastError;
    // mqtt.js's "exceeding packets size": a broker that ignored our maximum packet size.
    if ((error as { code?: unknown } | undefined)?.code === PACKET_TOO_LARGE)
      return closedForLargeFrame(`the ${this.options.brokerName} broker`);
    if (this.disconnectCode !== undefined || !error)
      return disconnectError(this.disconnectCode, this.clientId);
    if (error.message === 'Keepalive timeout')
      return new ConnectorError('network', 'connection lost: the broker stopped answering pings', {
        cause: error,
      });
    return new ConnectorError('network', `connection lost: ${error.message}`, { cause: error });
  }

  private connectFailure(): ConnectorError {
    const error = this.lastError;
    if (this.disconnectCode !== undefined && this.disconnectCode >= FAILURE)
      return disconnectError(this.disconnectCode, this.clientId);
    if (!error) return new ConnectorError('network', 'the broker closed the connection');
    const code = (error as { code?: unknown }).code;
    // mqtt.js gives CONNACK refusals a numeric reason code, socket errors a string one.
    if (typeof code === 'number' && error.message.startsWith('Connection refused'))
      return connackError(v5ConnackCode(code, this.options.protocolVersion ?? 5), error);
    if (code === 'ECONNREFUSED')
      return new ConnectorError('network', 'connection refused', { cause: error });
    if (error.message === 'connack timeout')
      return new ConnectorError('network', 'the broker did not answer');
    return new ConnectorError('network', error.message, { cause: error });
  }

  private fail(error: ConnectorError): void {
    this.settle?.reject(error);
    this.settle = undefined;
  }
}
