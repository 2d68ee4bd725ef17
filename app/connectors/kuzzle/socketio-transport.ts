import ioV2, { type Socket } from 'socket.io-client-v2';
import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { checkedFrame } from '../shared/frame-limit.js';
import { isKuzzleFrame, parseFrame, type KuzzleFrame } from './frames.js';
import type { Transport, TransportEvents, TransportTuning } from './transport.js';

/**
 * Kuzzle 1.x's Socket.io protocol (notes §2.2): requests emitted on `kuzzle`, each response on
 * an event named after its requestId, notifications on an event named after the channel.
 * Kuzzle 1.x serves socket.io 2 (Engine.IO 3), which socket.io-client 3+ cannot talk to, hence
 * the 2.x client. It has no catch-all listener: the transport listens to each requestId it sends
 * and each channel it is told to. Engine.IO 3's own heartbeat (the client pings, the server
 * answers) finds a dead link; its reconnection is off, the supervisor's is on.
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
      // engine.io-client 3 passes no size limit to `ws` (7.x), whose own default, 100 MB, is the
      // only bound on a frame here: socket.io-client 2 offers no option for it.
      const socket = ioV2(httpUrl(this.url), {
        path: '/socket.io/',
        transports: ['websocket'],
        reconnection: false,
        timeout: this.tuning.connectTimeoutMs,
        // Two accounts on one server must not share a connection (2.x multiplexes by default).
        forceNew: true,
      });
      this.socket = socket;
      const refused = (reason: string, cause?: unknown) => {
        if (this.opened) return;
        socket.close();
        reject(new ConnectorError('network', `Socket.io: ${reason}`, { cause }));
      };
      socket.on('connect', () => {
        this.opened = true;
        resolve();
      });
      socket.on('connect_error', (error) => refused(describe(error), error));
      socket.on('connect_timeout', () => refused('connection timed out'));
      // An ERROR packet: the server's namespace middleware refused this socket.
      socket.on('error', (error) => {
        if (!this.opened) refused(describe(error), error);
        else this.log.warn('Socket.io error from Kuzzle', { error: describe(error) });
      });
      socket.on('disconnect', (reason) => {
        if (this.opened && !this.closing)
          this.events.lost(new ConnectorError('network', `connection lost (${reason})`));
      });
    });
  }

  send(request: KuzzleFrame): void {
    const { socket } = this;
    if (!socket) return;
    const requestId = String(request.requestId);
    // One response per request; the session times out requests that get none.
    socket.once(requestId, (payload) => this.received(requestId, payload));
    socket.emit('kuzzle', request);
  }

  listen(channel: string): Promise<void> {
    this.socket?.off(channel);
    this.socket?.on(channel, (payload) => this.received(channel, payload));
    return Promise.resolve();
  }

  unlisten(channel: string): void {
    this.socket?.off(channel);
  }

  close(): Promise<void> {
    this.closing = true;
    this.socket?.close();
    return Promise.resolve();
  }

  private received(event: string, payload: unknown): void {
    const parsed =
      typeof payload === 'string' ? parseFrame(payload) : checkedFrame(payload, isKuzzleFrame);
    if (!parsed.ok) {
      this.events.refused(parsed.kind, { event, sample: String(payload).slice(0, 120) });
      return;
    }
    this.events.frame(event, parsed.value);
  }
}

/** socket.io-client wants the HTTP form of the server's address. */
function httpUrl(url: string): string {
  return url.replace(/^ws(s?):/, 'http$1:');
}

/** socket.io 2 reports errors as Error objects, strings or `{ message }` objects. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String(error.message);
  return String(error);
}
