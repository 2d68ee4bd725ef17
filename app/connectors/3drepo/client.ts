import { nestsDeeperThan } from '../../core/json-depth.js';
import {
  closedForLargeFrame,
  isTooLargeTransportError,
  MAX_FRAME_BYTES,
} from '../shared/frame-limit.js';
import { io, type Socket } from 'socket.io-client';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { isPayload, text } from '../shared/payload.js';
import { SilenceWatch } from '../shared/silence-watch.js';
import { keyOfEcho, type RoomSpec } from './rooms.js';
import { tolerantParser } from './tolerant-parser.js';

export interface JoinResult {
  spec: RoomSpec;
  /** The server's error code (`UNAUTHORISED`, `ROOM_NOT_FOUND`, …); none when joined. */
  code?: string;
  message?: string;
}

export interface ChatEvents {
  /** A room event, to be mapped. */
  event(name: string, payload: unknown): void;
  /** `loggedOut {reason}` or the v4 `message {event: 'loggedOut'}` after `open()` resolved. */
  loggedOut(reason: string): void;
  /** The connection dropped after `open()` resolved. */
  lost(error: ConnectorError): void;
  /** A packet that could not be decoded was dropped; the connection goes on. */
  malformed(error: Error): void;
}

export interface ChatOptions {
  url: string;
  path: string;
  /** The Cookie header with `connect.sid`; without it the socket is anonymous. */
  cookie: string | undefined;
  rooms: readonly RoomSpec[];
  connectTimeoutMs?: number;
  joinTimeoutMs?: number;
  /** Our probe after this much silence; the link is dead after twice as much. */
  probeIntervalMs?: number;
}

/**
 * The server's Engine.IO heartbeat (pingInterval 25 s + pingTimeout 20 s by default) is the
 * server's to set and found a dead link only after 45 s. Ours: after 10 s without a packet, a
 * `leave` of no room, which the server answers with an error (it checks nothing for `leave`);
 * with no packet 10 s later the link is dead: found within 22.5 s (silenceDeadlineMs).
 */
export const DEFAULT_PROBE_INTERVAL_MS = 10_000;
/** An unrecognisable room: `leave` answers ROOM_NOT_FOUND and changes nothing. */
const PROBE = {};
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_JOIN_TIMEOUT_MS = 10_000;
export const NO_ANSWER = 'NO_ANSWER';

/** socket.io-client's disconnect reasons in words. */
const DROP_WORDS: Record<string, string> = {
  'io server disconnect': 'the chat service closed the connection',
  'transport close': 'connection lost: the chat service went away',
  'transport error': 'connection lost: network error',
  'ping timeout': 'connection lost: the chat service stopped answering',
};

/**
 * One socket.io connection to the chat service, opened once and never reconnected by
 * socket.io itself: the supervisor owns retries and backoff, and each `open()` joins every room
 * again, since the server keeps no room state across connections.
 */
export class ChatSocket {
  private readonly socket: Socket;
  private state: 'idle' | 'connecting' | 'joining' | 'online' | 'closed' = 'idle';
  /** Rooms waiting for their join answer, by key. */
  private readonly pending = new Map<string, (answer: Omit<JoinResult, 'spec'>) => void>();
  private settle:
    { resolve(results: JoinResult[]): void; reject(error: ConnectorError): void } | undefined;
  private readonly watch: SilenceWatch;

  constructor(
    private readonly options: ChatOptions,
    private readonly events: ChatEvents,
    private readonly log: Logger,
  ) {
    this.socket = io(socketOrigin(options.url), {
      path: options.path,
      transports: ['websocket'],
      // engine.io-client 6 hands `maxPayload` to `ws` (its websocket transport picks it from the
      // options, though its types leave it out); `ws` refuses a larger frame before buffering
      // it, by closing the link, and `dropped` then asks for an immediate reconnect.
      ...({ maxPayload: MAX_FRAME_BYTES } as object),
      reconnection: false,
      autoConnect: false,
      forceNew: true,
      timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // Node has no cookie jar: the session goes in the handshake's headers (chat README).
      ...(options.cookie !== undefined && { extraHeaders: { Cookie: options.cookie } }),
      parser: tolerantParser((error) => this.undecodable(error)),
    });
    const interval = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.watch = new SilenceWatch(
      interval,
      () => this.socket.emit('leave', PROBE),
      (silent) =>
        this.dropped(
          'silent',
          undefined,
          `connection lost: no answer from the chat service for ${Math.round(silent / 1000)} s`,
        ),
    );
    // Every packet, the server's heartbeat pings included, shows the link is alive.
    this.socket.io.on('packet', () => this.watch.heard());
    this.socket.io.on('ping', () => this.watch.heard());
    this.socket.onAny((name: string, payload: unknown) => this.received(name, payload));
    this.socket.on('connect', () => {
      this.watch.start();
      void this.joinAll();
    });
    this.socket.on('connect_error', (error) => this.connectFailed(error));
    this.socket.on('disconnect', (reason, details) => this.dropped(reason, details));
  }

  /** Connects and joins every room; resolves with each room's result, rejects if not online. */
  open(): Promise<JoinResult[]> {
    if (this.state !== 'idle') return Promise.reject(new ConnectorError('network', 'already used'));
    this.state = 'connecting';
    const opened = new Promise<JoinResult[]>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.socket.connect();
    return opened;
  }

  close(): Promise<void> {
    const started = this.state !== 'idle';
    this.state = 'closed';
    this.watch.stop();
    this.fail(new ConnectorError('network', 'closed before the chat service answered'));
    if (started) this.socket.disconnect();
    this.socket.removeAllListeners();
    this.socket.offAny();
    return Promise.resolve();
  }

  private async joinAll(): Promise<void> {
    if (this.state !== 'connecting') return;
    this.state = 'joining';
    const results = await Promise.all(this.options.rooms.map((spec) => this.join(spec)));
    if (this.state !== 'joining') return;
    this.state = 'online';
    this.settle?.resolve(results);
    this.settle = undefined;
  }

  /** `join` has no ack: the answer is a `message` success or an `error`, echoing the room. */
  private join(spec: RoomSpec): Promise<JoinResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(spec.key);
        resolve({ spec, code: NO_ANSWER, message: 'no answer from the chat service' });
      }, this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS);
      this.pending.set(spec.key, (answer) => {
        clearTimeout(timer);
        this.pending.delete(spec.key);
        resolve({ spec, ...answer });
      });
      this.socket.emit('join', spec.request);
    });
  }

  private received(name: string, payload: unknown): void {
    // Mappers, digests and previews walk and serialise payloads recursively.
    if (nestsDeeperThan(payload)) {
      this.log.warn('3D Repo event refused: nested too deep', { event: name });
      return;
    }
    try {
      if (name === 'message') this.message(payload);
      else if (name === 'error') this.serverError(payload);
      else if (name === 'loggedOut')
        this.signedOut(isPayload(payload) ? text(payload.reason) : undefined);
      // v4 join forms only; this client never sends them.
      else if (name === 'joined' || name === 'credentialError') return;
      else if (this.state === 'online' || this.state === 'joining')
        this.events.event(name, payload);
    } catch (error) {
      // A throwing handler must not break socket.io's packet handling.
      this.log.error('3D Repo event handling failed', { event: name, error: String(error) });
    }
  }

  private message(payload: unknown): void {
    if (!isPayload(payload)) return;
    if (payload.event === 'loggedOut') return this.signedOut(text(payload.reason));
    if (payload.event !== 'success' || !isPayload(payload.data)) return;
    if (payload.data.action !== 'join') return;
    const key = keyOfEcho(payload.data.data);
    const spec = this.options.rooms.find((room) => room.key === key);
    if (spec) this.pending.get(spec.key)?.({});
  }

  private serverError(payload: unknown): void {
    if (!isPayload(payload)) return;
    const details = isPayload(payload.details) ? payload.details : undefined;
    const code = text(payload.code) ?? 'ERROR';
    const message = text(payload.message);
    const key = keyOfEcho(details?.data);
    const spec = this.options.rooms.find((room) => room.key === key);
    if (details?.action === 'leave' && isPayload(details.data) && isProbe(details.data)) return;
    if (details?.action === 'join' && spec) {
      this.pending.get(spec.key)?.({ code, ...(message !== undefined && { message }) });
      return;
    }
    this.log.warn('3D Repo chat service error', { code, message, details });
  }

  private signedOut(reason: string | undefined): void {
    const words = reason ?? 'signed out by the server';
    const state = this.state;
    if (state === 'closed' || state === 'idle') return;
    this.state = 'closed';
    this.watch.stop();
    this.socket.disconnect();
    if (state === 'online') this.events.loggedOut(words);
    else this.fail(new ConnectorError('auth', `signed out: ${words}`));
  }

  private connectFailed(error: Error): void {
    if (this.state !== 'connecting') return;
    this.state = 'closed';
    this.watch.stop();
    const host = safeHost(this.options.url);
    const why = error.message === 'timeout' ? 'no answer' : error.message;
    this.fail(
      new ConnectorError('network', `cannot reach the chat service at ${host}: ${why}`, {
        cause: error,
      }),
    );
  }

  private undecodable(error: Error): void {
    this.watch.heard();
    this.log.warn('3D Repo packet could not be decoded, dropped', { error: error.message });
    if (this.state === 'online') this.events.malformed(error);
  }

  private dropped(
    reason: string,
    details?: unknown,
    words = DROP_WORDS[reason] ?? `connection lost (${reason})`,
  ): void {
    const state = this.state;
    if (state === 'closed' || state === 'idle') return;
    this.state = 'closed';
    this.watch.stop();
    // Ours when the silence watch gave up: the socket itself may never notice.
    this.socket.disconnect();
    const error = isTooLargeTransportError(details)
      ? closedForLargeFrame('3D Repo')
      : new ConnectorError('network', words);
    if (state === 'online') this.events.lost(error);
    else this.fail(error);
  }

  private fail(error: ConnectorError): void {
    for (const answer of [...this.pending.values()]) answer({ code: NO_ANSWER });
    this.settle?.reject(error);
    this.settle = undefined;
  }
}

function isProbe(data: Record<string, unknown>): boolean {
  return Object.keys(data).length === 0;
}

/** socket.io-client takes a path in the URL as a namespace: only the origin goes in. */
function socketOrigin(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  return parsed.origin;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
