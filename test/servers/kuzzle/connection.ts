import { randomUUID } from 'node:crypto';

/** `websocket`, `socketio`, `mqtt`, or `HTTP/1.1` (2.x) / `http` (1.x) for scripted writes. */
export type Protocol = string;

/** A client of the server as Kuzzle sees it: where its notifications go. */
export interface Connection {
  readonly id: string;
  readonly protocol: Protocol;
  /** The token it last authenticated with: told when that token expires (notes §3.2). */
  token?: string | undefined;
  /** Delivers a notification published on `channel` (WS adds `room`, MQTT uses the topic). */
  notify(channel: string, payload: Record<string, unknown>): void;
}

export function connectionId(): string {
  return randomUUID();
}
