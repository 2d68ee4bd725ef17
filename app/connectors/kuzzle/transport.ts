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
  // Kuzzle 2.11+ closes a socket silent for 60 s; a ping every 20 s keeps it with room to spare.
  keepAliveMs: 20_000,
  connectTimeoutMs: 15_000,
};
