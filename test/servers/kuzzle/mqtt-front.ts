import { connectAsync, type MqttClient } from 'mqtt';
import { connectionId, type Connection } from './connection.js';
import { KuzzleError } from './errors.js';
import type { KuzzleCore } from './kuzzle.js';
import { responseFrame } from './request.js';

export const REQUEST_TOPIC = 'Kuzzle/request';
export const RESPONSE_TOPIC = 'Kuzzle/response';

export interface BrokerLogin {
  url: string;
  username?: string;
  password?: string;
}

/**
 * Kuzzle's MQTT protocol (notes §2.3) played through a real broker: this server is one MQTT
 * client of it, reading `Kuzzle/request` and publishing responses on `Kuzzle/response` and
 * notifications on the channel's topic.
 *
 * Unlike Kuzzle, which is the broker, a client of mosquitto cannot tell which MQTT client sent
 * a request or when one disconnected. So responses reach every client subscribed to
 * `Kuzzle/response` (clients match them by requestId, as they must with Kuzzle anyway), and
 * MQTT subscriptions belong to one pseudo-connection per user (taken from the token's `_id`):
 * they vanish on token expiry and restart, not on an MQTT disconnect.
 */
export class MqttFront {
  private readonly connections = new Map<string, Connection>();

  private constructor(
    private readonly client: MqttClient,
    private readonly core: KuzzleCore,
  ) {
    client.on('message', (topic, payload) => {
      if (topic === REQUEST_TOPIC) void this.received(payload.toString());
    });
  }

  static async attach(core: KuzzleCore, broker: BrokerLogin): Promise<MqttFront> {
    const client = await connectAsync(broker.url, {
      ...(broker.username !== undefined && {
        username: broker.username,
        password: broker.password,
      }),
      clientId: `kuzzle-test-server-${connectionId()}`,
      reconnectPeriod: 500,
    });
    const front = new MqttFront(client, core);
    await client.subscribeAsync(REQUEST_TOPIC, { qos: 1 });
    return front;
  }

  /** Forgets every pseudo-connection (their subscriptions go with the server's state). */
  reset(): void {
    for (const connection of this.connections.values()) this.core.disconnected(connection);
    this.connections.clear();
  }

  async detach(): Promise<void> {
    this.reset();
    await this.client.endAsync(true);
  }

  private async received(text: string): Promise<void> {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      const kerror = new KuzzleError('network.mqtt.unexpected_error', [String(error)]);
      const frame = responseFrame(
        this.core.version,
        this.core.node,
        { requestId: crypto.randomUUID() },
        { error: kerror },
      );
      this.publish(RESPONSE_TOPIC, frame);
      return;
    }
    const { frame } = await this.core.handle(this.connectionFor(input), input);
    this.publish(RESPONSE_TOPIC, frame);
  }

  private connectionFor(input: unknown): Connection {
    const jwt = (input as { jwt?: unknown } | null)?.jwt;
    const user = typeof jwt === 'string' ? tokenUser(jwt) : '-1';
    let connection = this.connections.get(user);
    if (!connection) {
      connection = {
        id: connectionId(),
        protocol: 'mqtt',
        notify: (channel, payload) => this.publish(channel, payload),
      };
      this.connections.set(user, connection);
      this.core.connected(connection);
    }
    return connection;
  }

  private publish(topic: string, frame: Record<string, unknown>): void {
    this.client.publish(topic, JSON.stringify(frame), { qos: 0 });
  }
}

/** The `_id` claim, read without verifying: the core verifies the token itself. */
function tokenUser(jwt: string): string {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      _id?: unknown;
    };
    return typeof claims._id === 'string' ? claims._id : '-1';
  } catch {
    return '-1';
  }
}
