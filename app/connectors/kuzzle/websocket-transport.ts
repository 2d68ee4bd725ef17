import WebSocket from 'ws';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { closedForLargeFrame, isTooLarge, MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { parseFrame } from './frames.js';
import type { Transport, TransportEvents, TransportTuning } from './transport.js';

/**
 * Kuzzle's raw WebSocket protocol (notes §2.1), for 2.x and 1.x alike. Keep-alive uses RFC 6455
 * ping frames, which every version answers: 2.11+ needs inbound traffic within 60 s, 1.x and
 * early 2.x ping on their own. A link that answers neither ping nor anything else within one
 * interval is dead, and is cut so the supervisor can replace it.
 */
export class WebSocketTransport implements Transport {
  private socket: WebSocket | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private heard = true;
  private opened = false;
  private closing = false;
  /** Set when this side cut the link, to say why instead of "connection lost". */
  private cut: ConnectorError | undefined;

  constructor(
    private readonly url: string,
    private readonly tuning: TransportTuning,
    private readonly events: TransportEvents,
    private readonly log: Logger,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, {
        perMessageDeflate: false,
        handshakeTimeout: this.tuning.connectTimeoutMs,
        // Refused before it is buffered. `ws` can refuse only by closing (1009); the session
        // then reconnects at once and subscribes again.
        maxPayload: MAX_FRAME_BYTES,
      });
      this.socket = socket;
      socket.on('open', () => {
        this.opened = true;
        this.keepAlive();
        resolve();
      });
      socket.on('message', (data, isBinary) => this.received(data as Buffer, isBinary));
      socket.on('ping', () => (this.heard = true));
      socket.on('pong', () => (this.heard = true));
      socket.on('error', (error) => {
        if (this.opened && isTooLarge(error)) {
          this.events.refused('too large', { limit: MAX_FRAME_BYTES });
          this.cut ??= closedForLargeFrame('Kuzzle');
        }
        if (!this.opened) reject(openError(error));
      });
      socket.on('close', (code, reason) => {
        clearInterval(this.pinger);
        if (!this.opened) reject(new ConnectorError('network', `connection closed (${code})`));
        else if (!this.closing) this.events.lost(this.cut ?? closeError(code, reason.toString()));
      });
    });
  }

  send(request: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(request));
  }

  listen(): Promise<void> {
    return Promise.resolve();
  }

  unlisten(): void {}

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pinger);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      // 1000: a deliberate goodbye; a dead peer will not answer it, so cut it.
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      const timer = setTimeout(() => socket.terminate(), 1_000);
      timer.unref();
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    });
  }

  private received(data: Buffer, isBinary: boolean): void {
    this.heard = true;
    const parsed = isBinary
      ? ({ ok: false, kind: 'malformed' } as const)
      : parseFrame(data.toString('utf8'));
    if (!parsed.ok) {
      this.events.refused(parsed.kind, { sample: data.toString('utf8', 0, 120) });
      return;
    }
    const frame = parsed.value;
    // {"p":2} is the 2.10+ application pong; nothing else to do with it.
    if (frame.p === 2 && Object.keys(frame).length === 1) return;
    this.events.frame(typeof frame.room === 'string' ? frame.room : undefined, frame);
  }

  private keepAlive(): void {
    this.pinger = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (!this.heard) {
        this.cut = new ConnectorError('network', 'Kuzzle stopped answering pings');
        socket.terminate();
        return;
      }
      this.heard = false;
      socket.ping();
    }, this.tuning.keepAliveMs);
    this.pinger.unref();
  }
}

function openError(error: Error): ConnectorError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED')
    return new ConnectorError('network', 'connection refused', { cause: error });
  return new ConnectorError('network', error.message, { cause: error });
}

function closeError(code: number, reason: string): ConnectorError {
  if (code === 1006) return new ConnectorError('network', 'connection lost');
  return new ConnectorError(
    'network',
    `connection closed by Kuzzle (${code}${reason ? `: ${reason}` : ''})`,
  );
}
