import { connect, type MqttClient } from 'mqtt';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { parseFrame, SERVER_CHANNEL, type KuzzleFrame } from './frames.js';
import type { Transport, TransportEvents, TransportTuning } from './transport.js';

const REQUEST_TOPIC = 'Kuzzle/request';
const RESPONSE_TOPIC = 'Kuzzle/response';

/**
 * Kuzzle's MQTT protocol (notes §2.3): requests published on `Kuzzle/request`, responses on
 * `Kuzzle/response`, notifications on a topic named after the channel, which the client must
 * subscribe itself. Kuzzle sends responses and TokenExpired straight to the requesting client;
 * subscribing to both topics as well costs nothing there and is what a broker that only
 * forwards needs. MQTT 3.1.1, which Kuzzle's brokers (mosca, aedes) speak; the keepalive is
 * the liveness check.
 */
export class MqttTransport implements Transport {
  private client: MqttClient | undefined;
  private opened = false;
  private closing = false;
  private lastError: Error | undefined;

  constructor(
    private readonly url: string,
    private readonly tuning: TransportTuning,
    private readonly events: TransportEvents,
    private readonly log: Logger,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const client = connect(this.url, {
        protocolVersion: 4,
        clean: true,
        reconnectPeriod: 0,
        resubscribe: false,
        connectTimeout: this.tuning.connectTimeoutMs,
        keepalive: Math.max(1, Math.round(this.tuning.keepAliveMs / 1000)),
      });
      this.client = client;
      client.on('error', (error) => {
        this.lastError = error;
      });
      client.on('message', (topic, payload) => this.received(topic, payload));
      client.on('connect', () => {
        client.subscribe([RESPONSE_TOPIC, SERVER_CHANNEL], { qos: 0 }, (error) => {
          if (error)
            return reject(new ConnectorError('network', `MQTT subscribe failed: ${error.message}`));
          this.opened = true;
          resolve();
        });
      });
      client.on('close', () => {
        if (!this.opened) {
          const reason = this.lastError?.message ?? 'the broker closed the connection';
          reject(new ConnectorError('network', reason, { cause: this.lastError }));
        } else if (!this.closing) {
          const reason = this.lastError ? `: ${this.lastError.message}` : '';
          this.events.lost(new ConnectorError('network', `connection lost${reason}`));
        }
      });
    });
  }

  send(request: KuzzleFrame): void {
    this.client?.publish(REQUEST_TOPIC, JSON.stringify(request), { qos: 0 });
  }

  async listen(channel: string): Promise<void> {
    await this.client?.subscribeAsync(channel, { qos: 0 });
  }

  unlisten(channel: string): void {
    this.client?.unsubscribe(channel);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client?.endAsync(!this.client.connected);
  }

  private received(topic: string, payload: Buffer): void {
    // MQTT 3.1.1 has no maximum packet size to tell the broker, and mqtt-packet's parser has no
    // limit of its own: a large packet is buffered whole, and can only be refused here.
    if (payload.length > MAX_FRAME_BYTES) {
      this.events.refused('too large', { topic, bytes: payload.length });
      return;
    }
    const parsed = parseFrame(payload.toString('utf8'));
    if (!parsed.ok) {
      this.events.refused(parsed.kind, { topic, sample: payload.toString('utf8', 0, 120) });
      return;
    }
    const frame = parsed.value;
    // Responses share one topic: the requestId says whose each one is.
    const route = topic === RESPONSE_TOPIC ? String(frame.requestId) : topic;
    this.events.frame(route, frame);
  }
}
