import type { WebSocket } from 'ws';
import { parseEjson, stringifyEjson } from './ejson.js';
import { MeteorError, matchFailed } from './errors.js';
import type { Hub } from './hub.js';
import { randomId } from './ids.js';
import type { LoginResult } from './login.js';
import { methodFor, type Caller } from './methods.js';
import type { Peer } from './publications.js';
import type { User } from './store.js';
import { accessError, streamAccess } from './stream-access.js';

/** DDP versions the server speaks, in its order of preference (Meteor's). */
const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'];
/** ddp-streamer close codes. */
const CLOSE_PROTOCOL_ERROR = 1002;
const UNSUPPORTED_DATA = 1007;
const CLOSE_TIMEOUT = 4000;

type Frame = Record<string, unknown>;

const isObject = (value: unknown): value is Frame =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * One client connection speaking DDP: the handshake with version negotiation, protocol errors
 * (Meteor frames or ddp-streamer closes), the heartbeat, methods and stream subscriptions.
 */
export class Session implements Peer, Caller {
  readonly sessionId = randomId();
  user: User | undefined;
  private connected = false;
  /** Test hook: a half-open link, the socket stays up but nothing goes either way. */
  private silent = false;
  /** Test hook: the server stops answering client pings. */
  answerPings = true;
  private idleTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private readonly streamer: boolean;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: Hub,
    private readonly closed: (session: Session) => void,
  ) {
    const { options } = hub;
    this.streamer = options.flavour === 'ddp-streamer';
    socket.on('message', (data, isBinary) => this.received(data as Buffer, isBinary));
    socket.on('close', () => this.ended());
    socket.on('error', () => {});
    if (options.greeting === 'server_id') this.send({ server_id: '0' });
    if (options.greeting === 'ddp-streamer') this.send({ msg: 'server_id', server_id: '0' });
    // The ddp-streamer arms its first idle timer with TIMEOUT / 1000: a ping ~30 ms after open.
    if (this.streamer && options.heartbeat) this.armIdle(options.heartbeat.intervalMs / 1000);
  }

  get userId(): string | undefined {
    return this.user?._id;
  }

  get peer(): Peer {
    return this;
  }

  send(frame: Frame): void {
    this.sendRaw(stringifyEjson(frame));
  }

  /** Buffers go out as binary frames (a test of how clients take them). */
  sendRaw(text: string | Buffer): void {
    if (this.silent || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
  }

  /** Test hook: stop sending and reading without closing, as a dead NAT mapping does. */
  silence(): void {
    this.silent = true;
    this.stopHeartbeat();
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** Cuts the TCP connection without a closing handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  signIn(result: LoginResult): void {
    if (this.user) this.hub.loggedOut(this, this.user._id);
    this.user = result.user;
    this.hub.loggedIn(this, result.user);
  }

  signOut(): void {
    if (!this.user) return;
    this.hub.loggedOut(this, this.user._id);
    this.user = undefined;
  }

  private received(data: Buffer, isBinary: boolean): void {
    if (this.silent) return;
    this.heartbeatReceived();
    if (isBinary && this.streamer) return this.close(UNSUPPORTED_DATA, 'UNSUPPORTED_DATA');
    let frame: unknown;
    try {
      frame = parseEjson(data.toString('utf8'));
    } catch {
      if (this.streamer) return this.close(UNSUPPORTED_DATA, 'UNSUPPORTED_DATA');
      // Meteor's parseDDP returns null for text that is not JSON, and null is a "Bad request"
      // with no offending message (livedata_server.js, ddp-common/utils.js).
      return this.send({ msg: 'error', reason: 'Bad request' });
    }
    if (!isObject(frame) || typeof frame.msg !== 'string') {
      if (this.streamer) return this.close(CLOSE_PROTOCOL_ERROR, 'CLOSE_PROTOCOL_ERROR');
      // A JSON value that is not an object is null to parseDDP too.
      if (!isObject(frame)) return this.send({ msg: 'error', reason: 'Bad request' });
      return this.protocolError('Bad request', frame);
    }
    // Before the handshake there is no session to answer pings: "Must connect first".
    if (!this.connected) return this.beforeConnect(frame);
    // After it, pings and pongs are handled at once, ahead of the method queue.
    if (frame.msg === 'ping') {
      if (this.answerPings)
        this.send({ msg: 'pong', ...(frame.id !== undefined && { id: frame.id }) });
      return;
    }
    if (frame.msg === 'pong') return;
    switch (frame.msg) {
      case 'connect':
        return this.protocolError('Already connected', frame);
      case 'method':
        return this.method(frame);
      case 'sub':
        return this.subscribe(frame);
      case 'unsub':
        return this.unsubscribe(frame);
      default:
        return this.protocolError('Bad request', frame);
    }
  }

  private beforeConnect(frame: Frame): void {
    if (frame.msg !== 'connect') {
      if (this.streamer) return this.close(CLOSE_PROTOCOL_ERROR, 'CLOSE_PROTOCOL_ERROR');
      return this.protocolError('Must connect first', frame);
    }
    if (!this.streamer) {
      const { version, support } = frame;
      if (typeof version !== 'string' || !isStringArray(support) || !support.includes(version))
        return this.fail(SUPPORTED_VERSIONS[0]!);
      const chosen = support.find((v) => SUPPORTED_VERSIONS.includes(v));
      if (chosen !== version) return this.fail(chosen ?? SUPPORTED_VERSIONS[0]!);
    }
    this.connected = true;
    this.send({ msg: 'connected', session: this.sessionId });
    if (!this.streamer) this.heartbeatReceived();
  }

  private fail(version: string): void {
    this.send({ msg: 'failed', version });
    this.close();
  }

  private protocolError(reason: string, offendingMessage: unknown): void {
    this.send({ msg: 'error', reason, offendingMessage });
  }

  private method(frame: Frame): void {
    const { id, method, params, randomSeed } = frame;
    const valid =
      typeof id === 'string' &&
      typeof method === 'string' &&
      (params === undefined || Array.isArray(params)) &&
      (randomSeed === undefined || typeof randomSeed === 'string');
    if (!valid) {
      if (this.streamer) return this.close(CLOSE_PROTOCOL_ERROR, 'CLOSE_PROTOCOL_ERROR');
      return this.protocolError('Malformed method invocation', frame);
    }
    this.hub.calls.push({
      method,
      params: (params as unknown[] | undefined) ?? [],
      username: this.user?.username,
    });
    const handler = methodFor(this.hub, method);
    if (!handler) {
      // Meteor answers an unknown method at once and arms the write fence after it, so `result`
      // comes before `updated` here whatever the order for methods that ran.
      return this.answer(
        id,
        { error: new MeteorError(404, `Method '${method}' not found`) },
        false,
      );
    }
    let outcome: { result: unknown } | { error: MeteorError };
    try {
      outcome = { result: handler(this.hub, this, (params as unknown[] | undefined) ?? []) };
    } catch (error) {
      outcome = {
        error: error instanceof MeteorError ? error : new MeteorError(500, 'Internal server error'),
      };
    }
    this.answer(id, outcome, this.hub.options.updatedBeforeResult);
  }

  private answer(
    id: string,
    outcome: { result: unknown } | { error: MeteorError },
    updatedFirst: boolean,
  ): void {
    const updated = { msg: 'updated', methods: [id] };
    const frame: Frame = { msg: 'result', id };
    if ('error' in outcome) frame.error = outcome.error.toJSON();
    // Meteor omits `result` when the method returned undefined; the ddp-streamer for any falsy.
    else if (this.streamer ? outcome.result : outcome.result !== undefined)
      frame.result = outcome.result;
    if (updatedFirst) this.send(updated);
    this.send(frame);
    if (!updatedFirst) this.send(updated);
  }

  private subscribe(frame: Frame): void {
    const { id, name, params } = frame;
    if (
      typeof id !== 'string' ||
      typeof name !== 'string' ||
      (params !== undefined && !Array.isArray(params))
    ) {
      if (this.streamer) return this.close(CLOSE_PROTOCOL_ERROR, 'CLOSE_PROTOCOL_ERROR');
      return this.protocolError('Malformed subscription', frame);
    }
    // Meteor ignores a sub whose id is already active on the connection.
    if (this.hub.publications.has(this, id)) return;
    const [eventName, options] = (params as unknown[] | undefined) ?? [];
    if (typeof eventName !== 'string') return this.nosub(id, matchFailed());
    if (!this.optionsAccepted(options)) return this.nosub(id, matchFailed());
    const access = streamAccess(this.hub, name, eventName, this.userId);
    if (access !== 'allowed') return this.nosub(id, accessError(this.hub, access, name));
    this.hub.publications.add(this, id, name, eventName);
    if (isObject(options) && options.useCollection === true)
      this.send({ msg: 'added', collection: name, id: 'id', fields: { eventName } });
    this.send({ msg: 'ready', subs: [id] });
  }

  /** Era A takes only a boolean; Era C takes `false` or `{useCollection, args?}`. */
  private optionsAccepted(options: unknown): boolean {
    if (options === undefined || typeof options === 'boolean') return true;
    if (this.hub.options.behaviour.subParam === 'boolean-only') return false;
    return isObject(options) && (options.args === undefined || Array.isArray(options.args));
  }

  private nosub(id: string, error: MeteorError | undefined): void {
    this.send({ msg: 'nosub', id, ...(error && { error: error.toJSON() }) });
  }

  private unsubscribe(frame: Frame): void {
    if (typeof frame.id !== 'string') return this.protocolError('Bad request', frame);
    this.hub.publications.remove(this, frame.id);
    this.send({ msg: 'nosub', id: frame.id });
  }

  // ---- heartbeat --------------------------------------------------------------------------

  private heartbeatReceived(): void {
    const heartbeat = this.hub.options.heartbeat;
    if (!heartbeat || (!this.connected && !this.streamer)) return;
    this.armIdle(heartbeat.intervalMs);
  }

  private armIdle(ms: number): void {
    const heartbeat = this.hub.options.heartbeat;
    if (!heartbeat) return;
    this.stopHeartbeat();
    this.idleTimer = setTimeout(() => {
      this.send({ msg: 'ping' });
      this.closeTimer = setTimeout(() => {
        if (this.streamer) this.close(CLOSE_TIMEOUT, 'TIMEOUT');
        else this.close();
      }, heartbeat.timeoutMs);
    }, ms);
  }

  private stopHeartbeat(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.closeTimer);
  }

  private ended(): void {
    this.stopHeartbeat();
    this.hub.publications.removePeer(this);
    if (this.user) this.hub.loggedOut(this, this.user._id);
    this.closed(this);
  }
}
