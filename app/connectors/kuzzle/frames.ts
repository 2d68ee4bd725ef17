import { parseJsonFrame, type ParsedJson } from '../shared/frame-limit.js';

/** A frame from Kuzzle: a response, a notification or a server notification, as parsed JSON. */
export type KuzzleFrame = Record<string, unknown>;

export interface KuzzleErrorBody {
  id?: string;
  message?: string;
  status?: number;
  code?: number;
}

/** Where a frame came in: a WebSocket `room`, a Socket.io event name, an MQTT topic. */
export type Route = string | undefined;

/** The fixed channel of 2.14.8+ server notifications (TokenExpired). */
export const SERVER_CHANNEL = 'kuzzle:notification:server';

/**
 * Every form of "your token expired" (protocol notes §5.3): `type: "TokenExpired"` on the fixed
 * server channel (2.14.8+) or on each subscribed channel (1.x – 2.14.7, Socket.io events, MQTT
 * topics), and the pre-1.0 `action: "jwtTokenExpired"` without a type.
 */
export function isTokenExpired(frame: KuzzleFrame): boolean {
  return (
    frame.type === 'TokenExpired' ||
    (frame.type === undefined && frame.action === 'jwtTokenExpired')
  );
}

/** An error that says the token ran out: the 2.x/late 1.x id, or 1.x's bare message. */
export function isExpiredError(error: KuzzleErrorBody): boolean {
  return error.id === 'security.token.expired' || error.message === 'Token expired';
}

export function isKuzzleFrame(value: unknown): value is KuzzleFrame {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A frame's text as a frame, or why not ("malformed", "nested too deep"). */
export function parseFrame(data: string): ParsedJson<KuzzleFrame> {
  return parseJsonFrame(data, isKuzzleFrame);
}
