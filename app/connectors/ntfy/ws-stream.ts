import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { ConnectorError } from '../../core/connector.js';
import { closedForLargeFrame, isTooLarge, MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { httpRefusal, refusalDetail } from '../shared/http-refusal.js';
import { SilenceWatch } from '../shared/silence-watch.js';
import type { NtfyFrame } from './mapper.js';
import {
  openTimeout,
  readFrame,
  UpgradeRefused,
  type NtfyStream,
  type StreamEvents,
  type StreamOptions,
} from './stream.js';

/**
 * `GET /<topics>/ws` (server.go handleSubscribeWS): one JSON message per frame, `open` first.
 * The server pings every keepalive interval (45 s) and sends no keepalive events here, so this
 * side pings too: a link that answers nothing within two of our intervals is dead.
 */
export class WebSocketStream implements NtfyStream {
  private socket: WebSocket | undefined;
  private watch: SilenceWatch | undefined;
  private opened = false;
  private closing = false;
  private cut: ConnectorError | undefined;

  constructor(
    private readonly options: StreamOptions,
    private readonly events: StreamEvents,
  ) {}

  open(): Promise<NtfyFrame> {
    return new Promise((resolve, reject) => {
      const fail = (error: ConnectorError) => {
        clearTimeout(timer);
        reject(error);
        socket.terminate();
      };
      const timer = openTimeout(this.options.connectTimeoutMs, fail);
      const socket = new WebSocket(this.options.url, {
        headers: this.options.headers,
        perMessageDeflate: false,
        handshakeTimeout: this.options.connectTimeoutMs,
        maxPayload: MAX_FRAME_BYTES,
      });
      this.socket = socket;
      socket.on('unexpected-response', (request, response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        void readBody(response)
          .then((body) => {
            const refusal = httpRefusal('ntfy', status, refusalDetail(body));
            // Only a refusal of the upgrade itself may pass as a JSON stream.
            fail(
              refusal.kind === 'protocol'
                ? new UpgradeRefused('protocol', `${refusal.message} to the WebSocket upgrade`)
                : refusal,
            );
          })
          .finally(() => request.destroy());
      });
      socket.on('message', (data, isBinary) => {
        this.watch?.heard();
        if (isBinary) {
          this.events.refused('malformed', { sample: 'a binary frame' });
          return;
        }
        const frame = readFrame((data as Buffer).toString('utf8'), this.events);
        if (!frame) return;
        if (!this.opened && frame.event === 'open') {
          this.opened = true;
          clearTimeout(timer);
          this.startWatch(socket);
          this.events.opened(frame);
          resolve(frame);
          return;
        }
        this.events.frame(frame);
      });
      socket.on('ping', () => this.watch?.heard());
      socket.on('pong', () => this.watch?.heard());
      socket.on('error', (error) => {
        if (this.opened && isTooLarge(error)) {
          this.events.refused('too large', { limit: MAX_FRAME_BYTES });
          this.cut ??= closedForLargeFrame('ntfy');
        }
        if (!this.opened) fail(new ConnectorError('network', error.message, { cause: error }));
      });
      socket.on('close', (code) => {
        this.watch?.stop();
        if (!this.opened) fail(new ConnectorError('network', `connection closed (${code})`));
        else if (!this.closing)
          this.events.lost(
            this.cut ?? new ConnectorError('network', `connection closed by ntfy (${code})`),
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
          `ntfy sent nothing for ${Math.round(silentMs / 1000)} s (no keepalive, no ping answered)`,
        );
        socket.terminate();
      },
    );
    this.watch.start();
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
