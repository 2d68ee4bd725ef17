import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { BadFrameKind } from '../../core/bad-frames.js';
import { ConnectorError } from '../../core/connector.js';
import { closedForLargeFrame, isTooLarge, MAX_FRAME_BYTES } from './frame-limit.js';
import { httpRefusal, refusalDetail } from './http-refusal.js';
import { SilenceWatch } from './silence-watch.js';

export interface WsLinkOptions {
  url: string;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** Silence this long and this side pings; twice this and the link is cut. */
  keepAliveMs: number;
  /** "ntfy", "Gotify": who is speaking, in the words of errors. */
  server: string;
  /** The server's refusal of the upgrade (an HTTP status and its body) as an error. */
  refusal?(status: number, body: string): ConnectorError;
}

export interface WsLinkEvents {
  /** One text frame; binary frames are refused here. */
  text(text: string): void;
  refused(kind: BadFrameKind, fields: Record<string, unknown>): void;
  /** The link ended after `open()` resolved and before `close()`. */
  lost(error: ConnectorError): void;
}

/**
 * A WebSocket to a server that pings on its own schedule (ntfy, Gotify: every 45 s), so this side
 * watches for silence too: any frame, ping or pong counts as heard; after one interval of
 * silence it pings, after two the link is cut. Frames past MAX_FRAME_BYTES are refused the only
 * way `ws` can, by closing; the loss then says so and asks to reconnect at once.
 */
export class WsLink {
  private socket: WebSocket | undefined;
  private watch: SilenceWatch | undefined;
  private opened = false;
  private closing = false;
  /** Set when this side cut the link, to say why instead of "connection closed". */
  private cut: ConnectorError | undefined;

  constructor(
    private readonly options: WsLinkOptions,
    private readonly events: WsLinkEvents,
  ) {}

  /** Resolves when the upgrade succeeded; rejects with the server's refusal or the network's. */
  open(): Promise<void> {
    const { options, events } = this;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.url, {
        headers: options.headers,
        perMessageDeflate: false,
        handshakeTimeout: options.connectTimeoutMs,
        maxPayload: MAX_FRAME_BYTES,
      });
      this.socket = socket;
      socket.on('unexpected-response', (request, response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        void readBody(response)
          .then((body) =>
            reject(
              options.refusal?.(status, body) ??
                httpRefusal(options.server, status, refusalDetail(body)),
            ),
          )
          .finally(() => request.destroy());
      });
      socket.on('open', () => {
        this.opened = true;
        this.watch = this.watchSilence(socket);
        resolve();
      });
      socket.on('message', (data, isBinary) => {
        this.watch?.heard();
        if (isBinary) events.refused('malformed', { sample: 'a binary frame' });
        else events.text((data as Buffer).toString('utf8'));
      });
      socket.on('ping', () => this.watch?.heard());
      socket.on('pong', () => this.watch?.heard());
      socket.on('error', (error) => {
        if (this.opened && isTooLarge(error)) {
          events.refused('too large', { limit: MAX_FRAME_BYTES });
          this.cut ??= closedForLargeFrame(options.server);
        }
        if (!this.opened) reject(new ConnectorError('network', error.message, { cause: error }));
      });
      socket.on('close', (code) => {
        this.watch?.stop();
        if (!this.opened) reject(new ConnectorError('network', `connection closed (${code})`));
        else if (!this.closing)
          events.lost(
            this.cut ??
              new ConnectorError('network', `connection closed by ${options.server} (${code})`),
          );
      });
    });
  }

  /** Closes with 1000, a goodbye a dead peer never answers: cut after a second. */
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

  private watchSilence(socket: WebSocket): SilenceWatch {
    const watch = new SilenceWatch(
      this.options.keepAliveMs,
      () => {
        if (socket.readyState === WebSocket.OPEN) socket.ping();
      },
      (silentMs) => {
        this.cut = new ConnectorError(
          'network',
          `${this.options.server} sent nothing for ${Math.round(silentMs / 1000)} s (no ping answered)`,
        );
        socket.terminate();
      },
    );
    watch.start();
    return watch;
  }
}

async function readBody(response: IncomingMessage): Promise<string> {
  let body = '';
  response.setEncoding('utf8');
  try {
    for await (const chunk of response) {
      body += chunk as string;
      if (body.length > 4096) break;
    }
  } catch {
    // The words are a courtesy; the status says enough.
  }
  return body;
}
