import type { Logger } from '../../core/log.js';
import {
  MqttSession,
  type MqttSessionOptions,
  type SessionEvents,
} from '../shared/mqtt-session.js';

export {
  DEFAULT_KEEPALIVE_SECONDS,
  silentLinkDeadlineMs,
  type SessionEvents,
  type SubscriptionResult,
} from '../shared/mqtt-session.js';

export type DinoSessionOptions = Omit<MqttSessionOptions, 'brokerName' | 'protocolVersion'>;

/** The MQTT session on Dino's broker (VerneMQ), which speaks MQTT 5. */
export class DinoSession extends MqttSession {
  constructor(options: DinoSessionOptions, events: SessionEvents, log: Logger) {
    super({ ...options, brokerName: 'Dino', protocolVersion: 5 }, events, log);
  }
}
