import { io, type Socket } from 'socket.io-client';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { parseFrame, type KuzzleFrame } from './frames.js';
import type { Transport, TransportEvents, TransportTuning } from './transport.js';

/**
 * Kuzzle 1.x's Socket.io protocol (notes §2.2): requests emitted on `kuzzle`, each response on
 * an event named after its requestId, notifications on an event named after the channel.
 * Socket.io's own heartbeat finds a dead link; its reconnection is off, the supervisor's is on.
 */
export class SocketIoTransport implements Transport {
  private socket: Socket | undefined;
  private opened = false;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly tuning: TransportTuning,
    private readonly events: TransportEvents,
    private readonly log: Logger,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = io(httpUrl(this.url), {
        path: '/socket.io/',
        transports: ['websocket'],
        reconnection: false,
        timeout: this.tuning.connectTimeoutMs,
      });
      this.socket = socket;
      socket.on('connect', () => {
        this.opened = true;
        resolve();
      });
      socket.on('connect_error', (error) => {
        if (!this.opened)
          reject(new ConnectorError('network', `Socket.io: ${error.message}`, { cause: error }));
      });
      socket.on('disconnect', (reason) => {
        if (this.opened && !this.closing)
          this.events.lost(new ConnectorError('network', `connection lost (${reason})`));
      });
      socket.onAny((event: string, payload: unknown) => this.received(event, payload));
    });
  }

  send(request: KuzzleFrame): void {
    this.socket?.emit('kuzzle', request);
  }

  listen(): Promise<void> {
    return Promise.resolve();
  }

  unlisten(): void {}

  close(): Promise<void> {
    this.closing = true;
    this.socket?.disconnect();
    return Promise.resolve();
  }

  private received(event: string, payload: unknown): void {
    const frame =
      typeof payload === 'string' ? parseFrame(payload) : (payload as KuzzleFrame | null);
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.log.warn('Kuzzle frame is not a JSON object, dropped', {
        event,
        sample: String(payload).slice(0, 120),
      });
      return;
    }
    this.events.frame(event, frame);
  }
}

/** socket.io-client wants the HTTP form of the server's address. */
function httpUrl(url: string): string {
  return url.replace(/^ws(s?):/, 'http$1:');
}
