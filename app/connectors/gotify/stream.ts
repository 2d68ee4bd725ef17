import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { BadFrameKind } from '../../core/bad-frames.js';
import { ConnectorError } from '../../core/connector.js';
import {
  closedForLargeFrame,
  isTooLarge,
  MAX_FRAME_BYTES,
  parseJsonFrame,
} from '../shared/frame-limit.js';
import { httpRefusal } from '../shared/http-refusal.js';
import { SilenceWatch } from '../shared/silence-watch.js';
import { isGotifyMessage, type GotifyMessage } from './mapper.js';

export interface GotifyStreamEvents {
  message(message: GotifyMessage): void;
  refused(kind: BadFrameKind, fields: Record<string, unknown>): void;
  lost(error: ConnectorError): void;
}

export interface GotifyStreamOptions {
  url: string;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  keepAliveMs: number;
}

/**
 * `GET /stream` (api/stream): one message object per text frame. Gotify pings every 45 s and
 * reads only pongs; this side pings as well, so a silent link is found within two intervals.
 */
export class GotifyStream {
  private socket: WebSocket | undefined;
  private watch: SilenceWatch | undefined;
  private opened = false;
  private closing = false;
  private cut: ConnectorError | undefined;

  constructor(
    private readonly options: GotifyStreamOptions,
    private readonly events: GotifyStreamEvents,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.url, {
        headers: this.options.headers,
        perMessageDeflate: false,
        handshakeTimeout: this.options.connectTimeoutMs,
        maxPayload: MAX_FRAME_BYTES,
      });
      this.socket = socket;
      socket.on('unexpected-response', (request, response: IncomingMessage) => {
        reject(httpRefusal('Gotify', response.statusCode ?? 0, 'on /stream'));
        request.destroy();
      });
      socket.on('open', () => {
        this.opened = true;
        this.startWatch(socket);
        resolve();
      });
      socket.on('message', (data, isBinary) => {
        this.watch?.heard();
        const text = (data as Buffer).toString('utf8');
        const parsed = isBinary
          ? ({ ok: false, kind: 'malformed' } as const)
          : parseJsonFrame(text, isGotifyMessage);
        if (parsed.ok) this.events.message(parsed.value);
        else this.events.refused(parsed.kind, { sample: text.slice(0, 120) });
      });
      socket.on('ping', () => this.watch?.heard());
      socket.on('pong', () => this.watch?.heard());
      socket.on('error', (error) => {
        if (this.opened && isTooLarge(error)) {
          this.events.refused('too large', { limit: MAX_FRAME_BYTES });
          this.cut ??= closedForLargeFrame('Gotify');
        }
        if (!this.opened) reject(new ConnectorError('network', error.message, { cause: error }));
      });
      socket.on('close', (code) => {
        this.watch?.stop();
        if (!this.opened) reject(new ConnectorError('network', `connection closed (${code})`));
        else if (!this.closing)
          this.events.lost(
            this.cut ?? new ConnectorError('network', `connection closed by Gotify (${code})`),
          );
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.watch?.stop();
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
      setTimeout(() => socket.terminate(), 1_000).unref();
    });
  }

  private startWatch(socket: WebSocket): void {
    this.watch = new SilenceWatch(
      this.options.keepAliveMs,
      () => {
        if (socket.readyState === WebSocket.OPEN) socket.ping();
      },
      (silentMs) => {
        this.cut = new ConnectorError(
          'network',
          `Gotify answered nothing for ${Math.round(silentMs / 1000)} s`,
        );
        socket.terminate();
      },
    );
    this.watch.start();
  }
}
