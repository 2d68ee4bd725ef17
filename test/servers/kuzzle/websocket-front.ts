import type { Server as HttpServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { connectionId, type Connection } from './connection.js';
import { KuzzleError } from './errors.js';
import type { KuzzleCore } from './kuzzle.js';
import { responseFrame } from './request.js';

export interface WebSocketFrontOptions {
  /** Kuzzle's `server.maxRequestSize` (1 MB): a bigger frame closes the socket, no JSON error. */
  maxPayload: number;
  /** 2.11+: a socket silent this long is closed; the server itself never pings. */
  idleTimeoutMs: number;
  /** 1.x (and 2.0–2.10): ping idle sockets this often and cut those that did not answer. */
  heartbeatMs: number;
}

interface Client {
  socket: WebSocket;
  connection: Connection;
  alive: boolean;
  idle?: NodeJS.Timeout;
}

const APP_PING = '{"p":1}';

/** Kuzzle's raw WebSocket protocol (notes §2.1) on any path but /socket.io/. */
export class WebSocketFront {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** While frozen, the server reads nothing and answers nothing: a dead link, seen from outside. */
  frozen = false;

  constructor(
    server: HttpServer,
    private readonly core: KuzzleCore,
    private readonly options: WebSocketFrontOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload,
      autoPong: false,
    });
    server.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/socket.io/')) return;
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    });
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Cuts every socket without a close frame, as a crash or a dropped network would. */
  dropAll(): void {
    for (const client of this.clients) client.socket.terminate();
  }

  /** Sends these bytes as they are to every socket: malformed or oversized frames. */
  sendRaw(data: string | Buffer): void {
    for (const client of this.clients) client.socket.send(data);
  }

  closeAll(code: number, reason = ''): void {
    for (const client of this.clients) client.socket.close(code, reason);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.dropAll();
    this.wss.close();
  }

  private accept(socket: WebSocket): void {
    const client: Client = {
      socket,
      alive: true,
      connection: {
        id: connectionId(),
        protocol: 'websocket',
        notify: (channel, payload) => this.send(client, { ...payload, room: channel }),
      },
    };
    this.clients.add(client);
    this.core.connected(client.connection);
    this.touch(client);
    socket.on('ping', (data) => {
      if (this.frozen) return;
      this.touch(client);
      socket.pong(data);
    });
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (this.frozen) return;
      this.touch(client);
      void this.received(client, isBinary ? '' : data.toString());
    });
    // An oversized frame makes `ws` close with 1009 and emit an error first.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(client.idle);
      this.clients.delete(client);
      this.core.disconnected(client.connection);
    });
  }

  private async received(client: Client, text: string): Promise<void> {
    if (text === APP_PING && this.core.version === 2) {
      this.send(client, { p: 2 });
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      const kerror = new KuzzleError('network.websocket.unexpected_error', [String(error)]);
      this.send(
        client,
        responseFrame(
          this.core.version,
          this.core.node,
          { requestId: crypto.randomUUID() },
          { error: kerror },
        ),
      );
      return;
    }
    const { frame, routed } = await this.core.handle(client.connection, input);
    this.send(client, routed ? { ...frame, room: frame.requestId } : frame);
  }

  private send(client: Client, frame: Record<string, unknown>): void {
    if (this.frozen || client.socket.readyState !== client.socket.OPEN) return;
    client.socket.send(JSON.stringify(frame));
  }

  private touch(client: Client): void {
    if (this.core.version !== 2) return;
    clearTimeout(client.idle);
    client.idle = setTimeout(() => client.socket.terminate(), this.options.idleTimeoutMs);
    client.idle.unref();
  }

  private beat(): void {
    if (this.core.version !== 1 || this.frozen) return;
    for (const client of this.clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }
}
