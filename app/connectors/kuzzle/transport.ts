import type { BadFrameKind } from '../../core/bad-frames.js';
import type { ConnectorError } from '../../core/connector.js';
import type { KuzzleFrame, Route } from './frames.js';

export interface TransportEvents {
  /** A parsed frame and where it came in: WebSocket `room`, Socket.io event, MQTT topic. */
  frame(route: Route, frame: KuzzleFrame): void;
  /** The link dropped after `open()` resolved. */
  lost(error: ConnectorError): void;
  /** A frame was refused: too large, not a JSON object, nested too deep. */
  refused(kind: BadFrameKind, fields: Record<string, unknown>): void;
}

/**
 * One connection to Kuzzle over one protocol. Opened once and never reconnected by itself: the
 * supervisor owns retries, and a new session logs in and subscribes again.
 */
export interface Transport {
  open(): Promise<void>;
  send(request: KuzzleFrame): void;
  /** MQTT delivers a channel only to clients subscribed to its topic; others need nothing. */
  listen(channel: string): Promise<void>;
  unlisten(channel: string): void;
  close(): Promise<void>;
}

export interface TransportTuning {
  /** How often a silent link is checked (WebSocket ping, MQTT keepalive). */
  keepAliveMs: number;
  connectTimeoutMs: number;
}

export const DEFAULT_TUNING: TransportTuning = {
  // Kuzzle 2.11+ closes a socket silent for 60 s; a ping every 10 s keeps it, and finds a link
  // that stopped forwarding within 20 s (WebSocket) or 15 s (MQTT): see silentLinkDeadlineMs.
  keepAliveMs: 10_000,
  connectTimeoutMs: 15_000,
};

/**
 * The longest a link that stopped forwarding goes unnoticed. WebSocket: a ping each keep-alive,
 * and the link is cut at the next tick if nothing came back (two keep-alives). MQTT: mqtt.js 5
 * sends PINGREQ one keepalive after the last PINGRESP and gives up half a keepalive later.
 * Socket.io has none of ours: Engine.IO 3's heartbeat times are the server's.
 */
export function silentLinkDeadlineMs(transport: 'websocket' | 'mqtt', tuning: TransportTuning) {
  if (transport === 'websocket') return 2 * tuning.keepAliveMs;
  return 1.5 * Math.max(1, Math.round(tuning.keepAliveMs / 1000)) * 1000;
}
