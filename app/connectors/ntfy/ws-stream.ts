import { ConnectorError } from '../../core/connector.js';
import { httpRefusal, refusalDetail } from '../shared/http-refusal.js';
import { WsLink } from '../shared/ws-link.js';
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
 * side pings too (WsLink): a link that answers nothing within two of our intervals is dead.
 */
export class WebSocketStream implements NtfyStream {
  private readonly link: WsLink;
  private readonly timeoutMs: number;
  private waitingForOpen: ((frame: NtfyFrame) => void) | undefined;
  private failOpen: ((error: ConnectorError) => void) | undefined;

  constructor(options: StreamOptions, events: StreamEvents) {
    this.link = new WsLink(
      {
        ...options,
        server: 'ntfy',
        refusal: (status, body) => {
          const refusal = httpRefusal('ntfy', status, refusalDetail(body));
          // Only a refusal of the upgrade itself may pass as a JSON stream.
          return refusal.kind === 'protocol'
            ? new UpgradeRefused('protocol', `${refusal.message} to the WebSocket upgrade`)
            : refusal;
        },
      },
      {
        text: (text) => {
          const frame = readFrame(text, events);
          if (!frame) return;
          const opened = this.waitingForOpen;
          if (opened && frame.event === 'open') {
            this.waitingForOpen = undefined;
            events.opened(frame);
            opened(frame);
          } else events.frame(frame);
        },
        refused: events.refused,
        lost: (error) => {
          if (this.failOpen && this.waitingForOpen) this.failOpen(error);
          else events.lost(error);
        },
      },
    );
    this.timeoutMs = options.connectTimeoutMs;
  }

  /** The upgrade, then ntfy's `open` event: only then is the subscription live. */
  async open(): Promise<NtfyFrame> {
    const opened = new Promise<NtfyFrame>((resolve, reject) => {
      const timer = openTimeout(this.timeoutMs, reject);
      this.waitingForOpen = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.failOpen = (error) => {
        clearTimeout(timer);
        reject(error);
      };
    });
    try {
      await this.link.open();
    } catch (error) {
      opened.catch(() => {});
      this.failOpen?.(ConnectorError.from(error));
      this.waitingForOpen = undefined;
      throw error;
    }
    return opened;
  }

  close(): Promise<void> {
    this.waitingForOpen = undefined;
    return this.link.close();
  }
}
