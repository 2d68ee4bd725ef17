import { closedForLargeFrame, MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { connect, type MqttClient } from 'mqtt';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import type { SessionOptions, Subscription } from './account-options.js';
import { connackError, disconnectError, subackError } from './reason-codes.js';

export interface SubscriptionResult extends Subscription {
  /** The QoS the broker granted, or the MQTT 5 reason code (>= 0x80) it refused with. */
  code: number;
}

export interface SessionEvents {
  message(topic: string, payload: Buffer): void;
  subscribed(result: SubscriptionResult): void;
  /** The connection dropped after `open()` had resolved. */
  lost(error: ConnectorError): void;
  /** Resolves once what `message` led to is committed; the PUBACK waits for it. */
  persisted?(): Promise<void>;
}

export interface DinoSessionOptions extends SessionOptions {
  username?: string | undefined;
  password?: string | undefined;
  connectTimeoutMs?: number;
  keepaliveSeconds?: number;
}

const CLOSE_GRACE_MS = 2_000;
/** Messages handled one after another before the event loop gets a turn (~2 ms of work). */
const PACKETS_PER_TURN = 100;
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
 * One MQTT 5 connection to the Dino broker, opened once and never reconnected: the supervisor
 * owns retries and backoff, so mqtt.js's own reconnect is off (`reconnectPeriod: 0`). Clean
 * Start is off and the session outlives the connection, so the broker queues what arrives while
 * the app is away and delivers it on the next `open()` with the same client id.
 */
/** MQTT 5 reason code 0x95, Packet too large. */
const PACKET_TOO_LARGE = 149;

export class DinoSession {
  private readonly client: MqttClient;
  private state: 'idle' | 'connecting' | 'online' | 'closed' = 'idle';
  private lastError: Error | undefined;
  private disconnectCode: number | undefined;
  private settle: { resolve(): void; reject(error: ConnectorError): void } | undefined;

  constructor(
    private readonly options: DinoSessionOptions,
    private readonly events: SessionEvents,
    private readonly log: Logger,
  ) {
    this.client = connect(options.url, {
      protocolVersion: 5,
      clientId: options.clientId,
      clean: false,
      properties: {
        sessionExpiryInterval: options.sessionExpirySeconds,
        // MQTT 5: the broker must not send a larger packet (it discards it, as if delivered), so
        // none is ever buffered here. mqtt.js closes the link if a broker sends one anyway.
        maximumPacketSize: MAX_FRAME_BYTES,
      },
      reconnectPeriod: 0,
      resubscribe: false,
      manualConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 30_000,
      keepalive: options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_SECONDS,
      // QoS 1 and 2 come here (mqtt.js honours this with MQTT 5 only); the PUBACK itself waits
      // for the commit in holdAcksUntilCommitted().
      customHandleAcks: (topic, payload, _packet, ack) => {
        this.deliver(topic, payload);
        ack(0);
      },
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: options.password }),
    });
    // Every listener lives as long as the client; without an 'error' listener mqtt.js throws.
    // QoS 1 and 2 were delivered in customHandleAcks; mqtt.js emits them again after the ack.
    this.client.on('message', (topic, payload, packet) => {
      if (packet.qos === 0) this.deliver(topic, payload);
    });
    this.client.on('error', (error) => {
      this.lastError = error;
    });
    this.client.on('disconnect', (packet) => {
      this.disconnectCode = packet.reasonCode;
    });
    this.client.on('connect', () => void this.subscribeAll());
    this.client.on('close', () => this.closed());
    if (events.persisted) this.holdAcksUntilCommitted(events.persisted);
  }

  /**
   * The PUBACK leaves only once the event is committed: a crash before that and the broker sends
   * the message again. mqtt.js reads the next packet only after the last one's PUBACK is
   * written, so waiting in `customHandleAcks` made each message of a queue a commit of its own;
   * here mqtt.js goes on at once while the PUBACK waits, and the messages that arrived together
   * share one commit. The PUBACK is taken at mqtt.js's one door for packets (`_sendPacket`, not
   * public API: pinned by test/connectors/dino/acks.test.ts).
   */
  private holdAcksUntilCommitted(persisted: () => Promise<void>): void {
    type Send = (
      packet: { cmd: string },
      done?: (error?: Error) => void,
      ...rest: unknown[]
    ) => void;
    const client = this.client as unknown as { _sendPacket: Send };
    const send = client._sendPacket.bind(client);
    let handledInRow = 0;
    client._sendPacket = (packet, done, ...rest) => {
      if (packet.cmd !== 'puback') return send(packet, done, ...rest);
      // Taken in the same turn the event was recorded in: it covers that event's commit.
      const committed = persisted();
      // On to the next packet, but let the event loop turn now and then: mqtt.js goes from
      // packet to packet on process.nextTick, which never yields, and a queued backlog held
      // timers and I/O for ~70 ms at a time.
      if (++handledInRow < PACKETS_PER_TURN) done?.();
      else {
        handledInRow = 0;
        setImmediate(() => done?.());
      }
      committed.then(
        () => send(packet, undefined, ...rest),
        (error: unknown) =>
          this.client.emit('error', error instanceof Error ? error : new Error(String(error))),
      );
    };
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

  private deliver(topic: string, payload: Buffer): void {
    // A throwing listener would break mqtt.js's packet handling and lose the PUBACK.
    try {
      this.events.message(topic, payload);
    } catch (error) {
      this.log.error('Dino event handling failed', { topic, error: String(error) });
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
      this.client.subscribe(subscription.topic, { qos: 1 }, (error, granted) => {
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
      return closedForLargeFrame('the Dino broker');
    if (this.disconnectCode !== undefined || !error)
      return disconnectError(this.disconnectCode, this.options.clientId);
    if (error.message === 'Keepalive timeout')
      return new ConnectorError('network', 'connection lost: the broker stopped answering pings', {
        cause: error,
      });
    return new ConnectorError('network', `connection lost: ${error.message}`, { cause: error });
  }

  private connectFailure(): ConnectorError {
    const error = this.lastError;
    if (this.disconnectCode !== undefined && this.disconnectCode >= FAILURE)
      return disconnectError(this.disconnectCode, this.options.clientId);
    if (!error) return new ConnectorError('network', 'the broker closed the connection');
    const code = (error as { code?: unknown }).code;
    // mqtt.js gives CONNACK refusals a numeric reason code, socket errors a string one.
    if (typeof code === 'number' && error.message.startsWith('Connection refused'))
      return connackError(code, error);
    if (code === 'ECONNREFUSED') return new ConnectorError('network', 'connection refused');
    if (error.message === 'connack timeout')
      return new ConnectorError('network', 'the broker did not answer');
    return new ConnectorError('network', error.message, { cause: error });
  }

  private fail(error: ConnectorError): void {
    this.settle?.reject(error);
    this.settle = undefined;
  }
}
