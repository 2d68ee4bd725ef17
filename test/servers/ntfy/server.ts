// A faithful ntfy server for tests and the demo (see README.md beside this file): the
// subscribe API of server/server.go (`/<topics>/json`, `/<topics>/ws`, since, poll, auth,
// keepalive) over a message cache that outlives a restart, and publishing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenRestartable } from '../restartable.js';
import { authorize, type AccessOptions } from './access.js';
import { MessageCache, parseSince, randomId, type NtfyMessage } from './cache.js';
import { ERRORS, refuseUpgrade, sendError, type NtfyError } from './errors.js';
import { fieldsFromJson, fieldsFromRequest, type PublishFields } from './publish.js';

export interface NtfyServerOptions extends AccessOptions {
  /** ntfy's keepalive-interval (45 s): keepalive events on HTTP streams, pings on WebSockets. */
  keepaliveMs?: number;
  /** cache-duration (12 h): how long a message can be fetched with `since=`. */
  cacheSeconds?: number;
  port?: number;
}

/** One live subscription, however it is carried. */
interface Subscriber {
  topics: string[];
  send(message: NtfyMessage): void;
  /** A frame as given, for tests of what a client does with bad ones. */
  sendRaw(text: string): void;
  close(): void;
}

export interface NtfyTestServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Publishes as `POST /<topic>` would; while stopped, the message waits in the cache. */
  publish(topic: string, fields?: PublishFields): NtfyMessage;
  /** Sends `text` as one frame (a line on JSON streams) to every live subscriber. */
  sendRaw(text: string): void;
  /** What subscribers asked: the path and query of every subscribe request. */
  readonly subscriptions: { path: string; query: Record<string, string> }[];
  liveSubscribers(): number;
  /** Turns WebSocket upgrades away with ntfy's 400, as behind a proxy that strips them. */
  refuseWebSockets(refuse: boolean): void;
  /** Answers every subscribe with 429 (limit reached: too many active subscriptions). */
  limitSubscriptions(limited: boolean): void;
  /** Killed: every connection cut, the port closed; the cache is kept (a cache-file). */
  stop(): Promise<void>;
  /** Listening again on the same port. */
  restart(): Promise<void>;
}

const TOPICS_PATH = /^\/([-_A-Za-z0-9]{1,64}(?:,[-_A-Za-z0-9]{1,64})*)\/(json|ws)$/;
const TOPIC_PATH = /^\/([-_A-Za-z0-9]{1,64})$/;

export async function startNtfyServer(options: NtfyServerOptions = {}): Promise<NtfyTestServer> {
  const keepaliveMs = options.keepaliveMs ?? 45_000;
  const cache = new MessageCache(options.cacheSeconds ?? 12 * 3600);
  const subscribers = new Set<Subscriber>();
  const subscriptions: NtfyTestServer['subscriptions'] = [];
  let refuseWs = false;
  let limited = false;
  const wss = new WebSocketServer({ noServer: true });

  function publish(topic: string, fields: PublishFields = {}): NtfyMessage {
    const time = Math.floor(Date.now() / 1000);
    const message: NtfyMessage = {
      id: randomId(),
      time,
      expires: time + cache.expiresAfter,
      event: 'message',
      topic,
      ...fields,
    };
    cache.add(message);
    for (const subscriber of subscribers)
      if (subscriber.topics.includes(topic)) subscriber.send(message);
    return message;
  }

  function control(message: string, topics: string[]): NtfyMessage {
    return {
      id: randomId(),
      time: Math.floor(Date.now() / 1000),
      event: message,
      topic: topics.join(','),
    };
  }

  /** Everything a subscribe request must pass before it streams; an error to answer, if any. */
  function admit(request: IncomingMessage, url: URL, topics: string[]): NtfyError | undefined {
    const access = authorize(request, url, topics, options);
    if (!access.ok) return access.status === 401 ? ERRORS.unauthorized : ERRORS.forbidden;
    if (limited) return ERRORS.tooManySubscriptions;
    if (!parseSince(url.searchParams.get('since'), isPoll(url))) return ERRORS.sinceInvalid;
    return undefined;
  }

  function backlog(url: URL, topics: string[]): NtfyMessage[] {
    return cache.since(topics, parseSince(url.searchParams.get('since'), isPoll(url))!);
  }

  function subscribeJson(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    topics: string[],
  ) {
    response.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
    });
    const line = (m: NtfyMessage) => response.write(`${JSON.stringify(m)}\n`);
    if (isPoll(url)) {
      for (const m of backlog(url, topics)) line(m);
      response.end();
      return;
    }
    const subscriber: Subscriber = {
      topics,
      send: line,
      sendRaw: (text) => response.write(`${text}\n`),
      close: () => response.destroy(),
    };
    subscribers.add(subscriber);
    line(control('open', topics));
    for (const m of backlog(url, topics)) line(m);
    const keepalive = setInterval(() => line(control('keepalive', topics)), keepaliveMs);
    request.on('close', () => {
      clearInterval(keepalive);
      subscribers.delete(subscriber);
    });
  }

  function subscribeWs(socket: WebSocket, url: URL, topics: string[]) {
    const send = (m: NtfyMessage) => socket.send(JSON.stringify(m));
    if (isPoll(url)) {
      for (const m of backlog(url, topics)) send(m);
      socket.close(1000);
      return;
    }
    const subscriber: Subscriber = {
      topics,
      send,
      sendRaw: (text) => socket.send(text),
      close: () => socket.terminate(),
    };
    subscribers.add(subscriber);
    send(control('open', topics));
    for (const m of backlog(url, topics)) send(m);
    // handleSubscribeWS: the server pings each keepalive interval and sends no keepalive events.
    const pinger = setInterval(() => socket.ping(), keepaliveMs);
    socket.on('close', () => {
      clearInterval(pinger);
      subscribers.delete(subscriber);
    });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const subscribe = TOPICS_PATH.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/v1/health') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"healthy":true}\n');
    } else if (request.method === 'GET' && subscribe) {
      const topics = subscribe[1]!.split(',');
      subscriptions.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
      if (subscribe[2] === 'ws') return sendError(response, ERRORS.upgradeMissing);
      const refused = admit(request, url, topics);
      if (refused) return sendError(response, refused);
      subscribeJson(request, response, url, topics);
    } else if (request.method === 'POST' || request.method === 'PUT') {
      void readBody(request).then((body) => {
        const topic = TOPIC_PATH.exec(url.pathname)?.[1];
        if (topic) return json(response, publish(topic, fieldsFromRequest(request, url, body)));
        if (url.pathname === '/') {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          if (typeof parsed.topic === 'string')
            return json(response, publish(parsed.topic, fieldsFromJson(parsed)));
        }
        sendError(response, ERRORS.notFound);
      });
    } else sendError(response, ERRORS.notFound);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const subscribe = TOPICS_PATH.exec(url.pathname);
    if (!subscribe || subscribe[2] !== 'ws') return refuseUpgrade(socket, ERRORS.notFound);
    const topics = subscribe[1]!.split(',');
    subscriptions.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (refuseWs) return refuseUpgrade(socket, ERRORS.upgradeMissing);
    const refused = admit(request, url, topics);
    if (refused) return refuseUpgrade(socket, refused);
    wss.handleUpgrade(request, socket, head, (ws) => subscribeWs(ws, url, topics));
  });
  const listener = await listenRestartable(server, options.port ?? 0, () => {
    for (const subscriber of subscribers) subscriber.close();
    subscribers.clear();
  });

  return {
    get url() {
      return listener.url;
    },
    get port() {
      return listener.port;
    },
    publish,
    sendRaw: (text) => {
      for (const subscriber of subscribers) subscriber.sendRaw(text);
    },
    subscriptions,
    liveSubscribers: () => subscribers.size,
    refuseWebSockets: (refuse) => (refuseWs = refuse),
    limitSubscriptions: (limit) => (limited = limit),
    stop: () => listener.stop(),
    restart: () => listener.restart(),
  };
}

function isPoll(url: URL): boolean {
  const poll = url.searchParams.get('poll') ?? url.searchParams.get('po');
  return poll === '1' || poll === 'yes' || poll === 'true';
}

function json(response: ServerResponse, message: NtfyMessage): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(`${JSON.stringify(message)}\n`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  request.setEncoding('utf8');
  for await (const chunk of request) body += chunk as string;
  return body;
}
