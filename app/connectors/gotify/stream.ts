import type { BadFrameKind } from '../../core/bad-frames.js';
import type { ConnectorError } from '../../core/connector.js';
import { parseJsonFrame } from '../shared/frame-limit.js';
import { WsLink } from '../shared/ws-link.js';
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
  private readonly link: WsLink;

  constructor(options: GotifyStreamOptions, events: GotifyStreamEvents) {
    this.link = new WsLink(
      { ...options, server: 'Gotify' },
      {
        text: (text) => {
          const parsed = parseJsonFrame(text, isGotifyMessage);
          if (parsed.ok) events.message(parsed.value);
          else events.refused(parsed.kind, { sample: text.slice(0, 120) });
        },
        refused: events.refused,
        lost: events.lost,
      },
    );
  }

  open(): Promise<void> {
    return this.link.open();
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
