import WebSocket, { type RawData } from 'ws';
import type { BadFrameKind } from '../../core/bad-frames.js';
import { ConnectorError } from '../../core/connector.js';
import { closedForLargeFrame, isTooLarge, MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import type { Logger } from '../../core/log.js';
import type { DdpError } from './ddp-error.js';
import { readFrame, RefusedFrame, type Frame } from './ddp-frames.js';
import { DdpRequests } from './ddp-requests.js';
import { SilenceWatch } from '../shared/silence-watch.js';
import { StreamRoutes, type StreamHandler } from './stream-routes.js';

export type { StreamHandler } from './stream-routes.js';

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

/** Our ping after 10 s of silence, dead after 20 s: found within 22.5 s (see SilenceWatch). */
export const DEFAULT_PING_INTERVAL_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_FRAME_BYTES = MAX_FRAME_BYTES;
const CONNECT = JSON.stringify({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });

/**
 * One DDP session over `ws`: the handshake, pings both ways, method calls correlated by id
 * (results may come in any order; DdpRequests), subscriptions with ready/nosub, and `changed`
 * events routed by collection and event name (StreamRoutes). Each frame is parsed once
 * (readFrame). It never reconnects by itself: a
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
  private readonly requests: DdpRequests;
  private readonly routes: StreamRoutes;
  private readonly watch: SilenceWatch;
  private handshake:
    { resolve(session: string): void; reject(error: ConnectorError): void } | undefined;
  private readonly maxFrameBytes: number;
  /** Set when `ws` closed the link to refuse a frame: why, instead of "closed by the server". */
  private cut: ConnectorError | undefined;

  constructor(private readonly options: DdpOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.requests = new DdpRequests(options.log, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    this.routes = new StreamRoutes(options.log);
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
    return this.requests.call(id, method, () => this.send({ msg: 'method', method, params, id }));
  }

  /** Subscribes; resolves on `ready`, rejects with a DdpError on `nosub` (with or without error). */
  subscribe(name: string, params: unknown[]): { id: string; ready: Promise<void> } {
    const id = `s${++this.nextId}`;
    const ready =
      this.state === 'connected'
        ? this.requests.subscription(id, () => this.send({ msg: 'sub', id, name, params }))
        : Promise.reject(new ConnectorError('network', `not connected (subscribing to ${name})`));
    return { id, ready };
  }

  unsubscribe(id: string): void {
    if (this.requests.forget(id)) this.send({ msg: 'unsub', id });
  }

  /** Routes `changed` frames of `collection` with `eventName` to the handler; returns an off(). */
  route(collection: string, eventName: string, handler: StreamHandler): () => void {
    return this.routes.add(collection, eventName, handler);
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
    this.requests.failAll(new ConnectorError('network', 'connection closed'));
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
    const frame = readFrame(data, isBinary);
    if (frame instanceof RefusedFrame) return this.refused(frame.kind, frame.fields);
    try {
      this.dispatch(frame);
    } catch (error) {
      // A handler's bug must not take the connection down with it.
      this.options.log.error('Rocket.Chat frame handling failed', { error: String(error) });
    }
  }

  private dispatch(frame: Frame): void {
    switch (frame.msg) {
      case 'changed':
        return this.routes.deliver(frame);
      case 'result':
        return this.requests.result(frame);
      case 'ping':
        return this.send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
      case 'ready':
        return this.requests.ready(frame);
      case 'nosub':
        return this.requests.nosub(frame, (id, error) => this.onStopped(id, error));
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
    this.requests.failAll(error);
    if (wasConnected) this.onLost(error);
  }

  /** A dead link: cut it and report, without waiting for a close that may never come. */
  private drop(error: ConnectorError): void {
    if (this.state !== 'connected') return;
    this.state = 'closed';
    this.requests.failAll(error);
    this.socket?.terminate();
    this.onLost(error);
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
