import WebSocket, { type RawData } from 'ws';
import type { BadFrameKind } from '../../core/bad-frames.js';
import { ConnectorError } from '../../core/connector.js';
import { frameNestsTooDeep } from './frame-depth.js';
import { closedForLargeFrame, isTooLarge, MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import type { Logger } from '../../core/log.js';
import { DdpError } from './ddp-error.js';
import { SilenceWatch } from '../shared/silence-watch.js';

export interface DdpOptions {
  /** `ws(s)://host/websocket`. */
  url: string;
  log: Logger;
  /** Our ping after this much silence; the link is dead after twice as much. */
  pingIntervalMs?: number;
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
  /** Larger frames are refused before they are buffered: a notifier needs none that big. */
  maxFrameBytes?: number;
  /** A frame was refused: too large, not a JSON object, nested too deep. */
  onRefused?: (kind: BadFrameKind, fields: Record<string, unknown>) => void;
}

/** `(args, eventName)` of one `changed` event on a stream. */
export type StreamHandler = (args: unknown[], eventName: string) => void;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface PendingSub {
  resolve(): void;
  reject(error: Error): void;
  ready: boolean;
}

/** Our ping after 10 s of silence, dead after 20 s: found within 22.5 s (see SilenceWatch). */
export const DEFAULT_PING_INTERVAL_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_FRAME_BYTES = MAX_FRAME_BYTES;
const CONNECT = JSON.stringify({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });

type Frame = Record<string, unknown>;

/**
 * One DDP session over `ws`: the handshake, pings both ways, method calls correlated by id
 * (results may come in any order), subscriptions with ready/nosub, and `changed` events routed
 * by collection and event name. Each frame is parsed once. It never reconnects by itself: a
 * dropped or silent link is reported through `onLost` and the caller opens a new one.
 */
export class DdpConnection {
  /** The link dropped (or went silent) after `open()` resolved. */
  onLost: (error: ConnectorError) => void = () => {};
  /** A subscription the server ended by itself (`nosub` after `ready`). */
  onStopped: (subId: string, error: DdpError | undefined) => void = () => {};

  private socket: WebSocket | undefined;
  private state: 'idle' | 'connecting' | 'connected' | 'closed' = 'idle';
  private nextId = 0;
  private readonly calls = new Map<string, Pending>();
  private readonly subs = new Map<string, PendingSub>();
  private readonly routes = new Map<string, Map<string, StreamHandler[]>>();
  private readonly watch: SilenceWatch;
  private handshake:
    { resolve(session: string): void; reject(error: ConnectorError): void } | undefined;
  private readonly maxFrameBytes: number;
  private readonly callTimeoutMs: number;
  /** Set when `ws` closed the link to refuse a frame: why, instead of "closed by the server". */
  private cut: ConnectorError | undefined;

  constructor(private readonly options: DdpOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const interval = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.watch = new SilenceWatch(
      interval,
      () => this.send({ msg: 'ping', id: `p${++this.nextId}` }),
      (silent) =>
        this.drop(
          new ConnectorError(
            'network',
            `no answer from the server for ${Math.round(silent / 1000)} s`,
          ),
        ),
    );
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /** Opens the socket and completes the DDP handshake; resolves with the session id. */
  open(): Promise<string> {
    if (this.state !== 'idle') return Promise.reject(new ConnectorError('network', 'already used'));
    this.state = 'connecting';
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => this.failHandshake(new ConnectorError('network', 'the server did not answer')),
        timeoutMs,
      );
      this.handshake = {
        resolve: (session) => {
          clearTimeout(timer);
          resolve(session);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      // `ws` refuses a larger frame before buffering it, but only by closing the link; the
      // connector then reconnects at once and catches up.
      const socket = new WebSocket(this.options.url, {
        handshakeTimeout: timeoutMs,
        maxPayload: this.maxFrameBytes,
      });
      this.socket = socket;
      socket.on('open', () => socket.send(CONNECT));
      socket.on('message', (data, isBinary) => this.received(data, isBinary));
      socket.on('error', (error) => {
        if (this.state === 'connected' && isTooLarge(error)) {
          this.refused('too large', { limit: this.maxFrameBytes });
          this.cut ??= closedForLargeFrame('Rocket.Chat');
        }
        this.failHandshake(socketError(error));
      });
      socket.on('close', (code, reason) => this.socketClosed(code, reason.toString()));
    });
  }

  /** Calls a method; resolves with its result (undefined when the server sent none). */
  call(method: string, params: unknown[] = []): Promise<unknown> {
    if (this.state !== 'connected')
      return Promise.reject(new ConnectorError('network', `not connected (calling ${method})`));
    const id = String(++this.nextId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new ConnectorError('network', `no answer to ${method} in ${this.callTimeoutMs} ms`));
      }, this.callTimeoutMs);
      this.calls.set(id, { resolve, reject, timer });
      this.send({ msg: 'method', method, params, id });
    });
  }

  /** Subscribes; resolves on `ready`, rejects with a DdpError on `nosub` (with or without error). */
  subscribe(name: string, params: unknown[]): { id: string; ready: Promise<void> } {
    const id = `s${++this.nextId}`;
    const ready = new Promise<void>((resolve, reject) => {
      if (this.state !== 'connected') {
        reject(new ConnectorError('network', `not connected (subscribing to ${name})`));
        return;
      }
      this.subs.set(id, { resolve, reject, ready: false });
      this.send({ msg: 'sub', id, name, params });
    });
    return { id, ready };
  }

  unsubscribe(id: string): void {
    if (this.subs.delete(id)) this.send({ msg: 'unsub', id });
  }

  /** Routes `changed` frames of `collection` with `eventName` to the handler; returns an off(). */
  route(collection: string, eventName: string, handler: StreamHandler): () => void {
    let byEvent = this.routes.get(collection);
    if (!byEvent) this.routes.set(collection, (byEvent = new Map()));
    const handlers = byEvent.get(eventName) ?? [];
    byEvent.set(eventName, [...handlers, handler]);
    return () => {
      const current = byEvent.get(eventName)?.filter((h) => h !== handler) ?? [];
      if (current.length > 0) byEvent.set(eventName, current);
      else byEvent.delete(eventName);
    };
  }

  send(frame: Frame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Closes the socket; pending calls and subscriptions fail. Never reports `onLost`. */
  async close(): Promise<void> {
    const socket = this.socket;
    const wasOpen = this.state !== 'idle' && this.state !== 'closed';
    this.state = 'closed';
    this.watch.stop();
    this.failHandshake(new ConnectorError('network', 'closed before the server answered'));
    this.failPending(new ConnectorError('network', 'connection closed'));
    if (!socket || !wasOpen || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1_000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000);
    });
  }

  private received(data: RawData, isBinary: boolean): void {
    this.watch.heard();
    if (isBinary) return this.refused('malformed', { binary: true });
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return this.refused('malformed', { preview: preview(data.toString()) });
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
      return this.refused('malformed', { preview: preview(data.toString()) });
    // Handlers, EJSON and previews walk and serialise frames recursively.
    if (frameNestsTooDeep(frame))
      return this.refused('nested too deep', { preview: preview(data.toString()) });
    try {
      this.dispatch(frame as Frame);
    } catch (error) {
      // A handler's bug must not take the connection down with it.
      this.options.log.error('Rocket.Chat frame handling failed', { error: String(error) });
    }
  }

  private dispatch(frame: Frame): void {
    switch (frame.msg) {
      case 'changed':
        return this.changed(frame);
      case 'result':
        return this.result(frame);
      case 'ping':
        return this.send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
      case 'ready':
        return this.ready(frame);
      case 'nosub':
        return this.nosub(frame);
      case 'connected':
        return this.handshakeDone(frame);
      case 'failed':
        return this.failHandshake(
          new ConnectorError(
            'protocol',
            `the server speaks DDP version ${String(frame.version)} only`,
          ),
        );
      case 'error':
        this.options.log.warn('Rocket.Chat protocol error', { reason: frame.reason });
        return;
      case 'pong':
      case 'updated':
      case 'added':
      case 'removed':
      case 'addedBefore':
      case 'movedBefore':
        return;
      case undefined:
        // `{"server_id":"0"}` and any other greeting without `msg`: ignored by the protocol.
        return;
      default:
        this.options.log.warn('Rocket.Chat frame with an unknown msg; ignored', {
          msg: String(frame.msg),
        });
    }
  }

  private changed(frame: Frame): void {
    const fields = frame.fields as Frame | undefined;
    const collection = frame.collection;
    const eventName = fields?.eventName;
    const args = fields?.args;
    if (typeof collection !== 'string' || typeof eventName !== 'string' || !Array.isArray(args)) {
      this.options.log.warn(
        'Rocket.Chat event frame without collection, eventName or args; ignored',
        {
          collection: String(collection),
        },
      );
      return;
    }
    const handlers = this.routes.get(collection)?.get(eventName);
    if (!handlers) return;
    for (const handler of handlers) handler(args, eventName);
  }

  private result(frame: Frame): void {
    const id = frame.id;
    const pending = typeof id === 'string' ? this.calls.get(id) : undefined;
    if (!pending) {
      this.options.log.warn('Rocket.Chat result for no pending call; ignored', { id: String(id) });
      return;
    }
    this.calls.delete(id as string);
    clearTimeout(pending.timer);
    if (frame.error !== undefined) pending.reject(DdpError.fromWire(frame.error));
    else pending.resolve(frame.result);
  }

  private ready(frame: Frame): void {
    if (!Array.isArray(frame.subs)) return;
    for (const id of frame.subs) {
      const sub = typeof id === 'string' ? this.subs.get(id) : undefined;
      if (!sub || sub.ready) continue;
      sub.ready = true;
      sub.resolve();
    }
  }

  private nosub(frame: Frame): void {
    const id = typeof frame.id === 'string' ? frame.id : undefined;
    const sub = id === undefined ? undefined : this.subs.get(id);
    if (!sub || id === undefined) return;
    this.subs.delete(id);
    const error = frame.error === undefined ? undefined : DdpError.fromWire(frame.error);
    if (sub.ready) this.onStopped(id, error);
    else sub.reject(error ?? new DdpError('nosub', 'the server refused the subscription'));
  }

  private handshakeDone(frame: Frame): void {
    if (this.state !== 'connecting') return;
    this.state = 'connected';
    this.watch.start();
    const handshake = this.handshake;
    this.handshake = undefined;
    handshake?.resolve(typeof frame.session === 'string' ? frame.session : '');
  }

  private failHandshake(error: ConnectorError): void {
    const handshake = this.handshake;
    if (!handshake) return;
    this.handshake = undefined;
    this.state = 'closed';
    this.socket?.terminate();
    handshake.reject(error);
  }

  private refused(kind: BadFrameKind, fields: Record<string, unknown>): void {
    if (this.options.onRefused) this.options.onRefused(kind, fields);
    else this.options.log.warn(`Rocket.Chat frame refused (${kind})`, fields);
  }

  private socketClosed(code: number, reason: string): void {
    const wasConnected = this.state === 'connected';
    this.watch.stop();
    this.failHandshake(new ConnectorError('network', `the server closed the connection (${code})`));
    this.state = 'closed';
    const error =
      this.cut ??
      new ConnectorError(
        'network',
        `connection closed by the server (${code}${reason ? ` ${reason}` : ''})`,
      );
    this.failPending(error);
    if (wasConnected) this.onLost(error);
  }

  /** A dead link: cut it and report, without waiting for a close that may never come. */
  private drop(error: ConnectorError): void {
    if (this.state !== 'connected') return;
    this.state = 'closed';
    this.failPending(error);
    this.socket?.terminate();
    this.onLost(error);
  }

  private failPending(error: Error): void {
    for (const pending of this.calls.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.calls.clear();
    for (const sub of this.subs.values()) if (!sub.ready) sub.reject(error);
    this.subs.clear();
  }
}

function socketError(error: Error): ConnectorError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED')
    return new ConnectorError('network', 'connection refused', { cause: error });
  if (code === 'ENOTFOUND')
    return new ConnectorError('network', 'server not found', { cause: error });
  return new ConnectorError('network', error.message, { cause: error });
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
