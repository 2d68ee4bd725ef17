import { BoundedSet } from '../../core/bounded-set.js';
import { ConnectorError } from '../../core/connector.js';
import { silentLogger, type Logger } from '../../core/log.js';
import { DdpConnection, type DdpOptions, type StreamHandler } from './ddp-connection.js';
import { DdpError } from './ddp-error.js';
import { ejsonDate } from './ejson.js';
import { passwordLogin, resumeLogin, twoFactorLogin } from './login-request.js';
import { StreamSubscriptions } from './stream-subscriptions.js';
import { numberOf, objectOf, stringOf, type WireObject } from './wire.js';
import { randomBytes } from 'node:crypto';

export interface RealtimeOptions {
  /** The site's base URL, `http(s)://host[/prefix]`. */
  server: string;
  log?: Logger;
  pingIntervalMs?: number;
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
  maxFrameBytes?: number;
  onRefused?: DdpOptions['onRefused'];
  /** The typing event written: `user-activity` (RC ≥ 4) or `typing` (older servers). */
  typingEvent?: 'user-activity' | 'typing';
}

export interface LoginResult {
  userId: string;
  token: string;
  /** Milliseconds since the epoch, when the server says. */
  tokenExpires: number | undefined;
}

/** One message of a room stream, as rocketchat-async hands it to its callback. */
export interface ChannelMessage {
  channelId: string;
  senderId: string;
  messageId: string;
  threadId: string | undefined;
  text: string;
  /** The system-message type (`uj`, `ru`, `rm`...); undefined for what a person wrote. */
  qualifier: string | undefined;
  /** The frame repeats a message already seen: an edit, a reaction, a new thread reply. */
  repeated: boolean;
  raw: WireObject;
}

/**
 * The Rocket.Chat realtime API over DDP, with the calls of the Python rocketchat-async library
 * (start, resume, channels, send, react, typing, subscribe, unsubscribe) and the ones a notifier
 * needs besides (subscriptions, read, catch-up).
 */
export class RocketChatClient {
  readonly websocketUrl: string;
  userId: string | undefined;
  username: string | undefined;
  private readonly connection: DdpConnection;
  private readonly log: Logger;
  private readonly streams: StreamSubscriptions;

  constructor(private readonly options: RealtimeOptions) {
    this.websocketUrl = websocketUrl(options.server);
    this.log = options.log ?? silentLogger;
    this.connection = new DdpConnection({ url: this.websocketUrl, ...options, log: this.log });
    this.streams = new StreamSubscriptions(this.connection, this.log, options.server);
  }

  /** The link dropped or went silent after it was up. */
  set onLost(handler: (error: ConnectorError) => void) {
    this.connection.onLost = handler;
  }

  async connect(): Promise<void> {
    await this.connection.open();
  }

  /** rocketchat-async `start`: connect and log in with a user name (or email) and password. */
  async start(username: string, password: string, code?: string): Promise<LoginResult> {
    await this.connect();
    return this.loginWithPassword(username, password, code);
  }

  /** rocketchat-async `resume`: connect and log in with a token (or personal access token). */
  async resume(token: string): Promise<LoginResult> {
    await this.connect();
    return this.loginWithToken(token);
  }

  async loginWithPassword(user: string, password: string, code?: string): Promise<LoginResult> {
    const request = passwordLogin(user, password);
    const result = await this.login(code === undefined ? request : twoFactorLogin(request, code));
    if (!user.includes('@')) this.username = user;
    return result;
  }

  loginWithToken(token: string): Promise<LoginResult> {
    return this.login(resumeLogin(token));
  }

  private async login(request: unknown): Promise<LoginResult> {
    const result = objectOf(await this.connection.call('login', [request]));
    const userId = stringOf(result?.id);
    const token = stringOf(result?.token);
    if (!userId || !token)
      throw new ConnectorError('protocol', 'the login answer has no user id or token');
    this.userId = userId;
    const expires = objectOf(result?.tokenExpires);
    return { userId, token, tokenExpires: numberOf(expires?.$date) };
  }

  /** `[room id, room type]` of every room the user is in (rocketchat-async `get_channels`). */
  async getChannels(): Promise<[string, string][]> {
    const rooms = await this.getChannelsRaw();
    return rooms.flatMap((room) => {
      const id = stringOf(room._id);
      return id ? [[id, stringOf(room.t) ?? 'c'] as [string, string]] : [];
    });
  }

  async getChannelsRaw(): Promise<WireObject[]> {
    return listOf(await this.connection.call('rooms/get', []));
  }

  /** The user's subscriptions; with `since`, only those changed after it (and the removed ones). */
  async getSubscriptions(since?: number): Promise<{ update: WireObject[]; remove: WireObject[] }> {
    const result = await this.connection.call(
      'subscriptions/get',
      since === undefined ? [] : [ejsonDate(since)],
    );
    if (Array.isArray(result)) return { update: listOf(result), remove: [] };
    const changes = objectOf(result);
    return { update: listOf(changes?.update), remove: listOf(changes?.remove) };
  }

  /** Sends a message, into a thread when `threadId` is given; resolves with the stored message. */
  async sendMessage(
    text: string,
    channelId: string,
    threadId?: string,
  ): Promise<WireObject | undefined> {
    const message = {
      // A client-chosen id makes a retried send idempotent.
      _id: randomBytes(9).toString('base64url'),
      rid: channelId,
      msg: text,
      ...(threadId !== undefined && { tmid: threadId }),
    };
    return objectOf(await this.connection.call('sendMessage', [message]));
  }

  async sendReaction(messageId: string, emoji: string): Promise<void> {
    const reaction = emoji.startsWith(':') ? emoji : `:${emoji}:`;
    await this.connection.call('setReaction', [reaction, messageId]);
  }

  /** Says the user is typing (in the thread, if given). */
  async sendTypingEvent(channelId: string, threadId?: string, typing = true): Promise<void> {
    if (!this.username) throw new ConnectorError('protocol', 'typing needs the user name');
    const params =
      this.options.typingEvent === 'typing'
        ? [`${channelId}/typing`, this.username, typing]
        : [
            `${channelId}/user-activity`,
            this.username,
            typing ? ['user-typing'] : [],
            threadId === undefined ? {} : { tmid: threadId },
          ];
    await this.connection.call('stream-notify-room', params);
  }

  async markRead(channelId: string): Promise<void> {
    await this.connection.call('readMessages', [channelId]);
  }

  /** Messages of a room after `since`, newest first; `loadHistory` where `loadMissedMessages` is gone. */
  async missedMessages(roomId: string, since: number, limit = 100): Promise<WireObject[]> {
    try {
      return listOf(await this.connection.call('loadMissedMessages', [roomId, ejsonDate(since)]));
    } catch (error) {
      if (!(error instanceof DdpError) || error.code !== 404) throw error;
    }
    const history = objectOf(
      await this.connection.call('loadHistory', [roomId, null, limit, ejsonDate(since)]),
    );
    return listOf(history?.messages).filter((m) => {
      const ts = numberOf(objectOf(m.ts)?.$date);
      return ts !== undefined && ts > since;
    });
  }

  async call(method: string, params: unknown[] = []): Promise<unknown> {
    return this.connection.call(method, params);
  }

  /**
   * Subscribes to one event of a stream (`notify-user`, `room-messages`...) and routes its
   * events to `handler`; resolves with a handle for `unsubscribe` once the server said `ready`.
   * Handlers of one event share a server subscription (StreamSubscriptions).
   */
  stream(stream: string, eventName: string, handler: StreamHandler): Promise<string> {
    return this.streams.add(stream, eventName, handler);
  }

  /** rocketchat-async `subscribe_to_channel_messages`. */
  subscribeToChannelMessages(
    channelId: string,
    callback: (message: ChannelMessage) => void,
  ): Promise<string> {
    const seen = new BoundedSet<string>(10_000);
    return this.subscribeToChannelMessagesRaw(channelId, (raw) => {
      const messageId = stringOf(raw._id);
      const senderId = stringOf(objectOf(raw.u)?._id);
      if (!messageId || !senderId) return;
      callback({
        channelId: stringOf(raw.rid) ?? channelId,
        senderId,
        messageId,
        threadId: stringOf(raw.tmid),
        text: stringOf(raw.msg) ?? '',
        qualifier: stringOf(raw.t),
        repeated: !seen.add(messageId),
        raw,
      });
    });
  }

  subscribeToChannelMessagesRaw(
    channelId: string,
    callback: (message: WireObject) => void,
  ): Promise<string> {
    return this.stream('room-messages', channelId, (args) => {
      const message = objectOf(args[0]);
      if (message) callback(message);
    });
  }

  /** rocketchat-async `subscribe_to_channel_changes`: `(room id, room type)` of each changed room. */
  subscribeToChannelChanges(callback: (roomId: string, roomType: string) => void): Promise<string> {
    return this.subscribeToChannelChangesRaw((args) => {
      const room = objectOf(args[1]);
      const id = stringOf(room?._id);
      if (args[0] !== 'removed' && id) callback(id, stringOf(room?.t) ?? 'c');
    });
  }

  subscribeToChannelChangesRaw(callback: (args: unknown[]) => void): Promise<string> {
    if (!this.userId) return Promise.reject(new ConnectorError('protocol', 'log in first'));
    return this.stream('notify-user', `${this.userId}/rooms-changed`, (args) => callback(args));
  }

  /** Who types in a room, from both event names: `typing` (old) and `user-activity`. */
  async subscribeToTyping(
    channelId: string,
    callback: (username: string, typing: boolean, threadId: string | undefined) => void,
  ): Promise<string[]> {
    const activity = await this.stream('notify-room', `${channelId}/user-activity`, (args) => {
      const username = stringOf(args[0]);
      const tmid = stringOf(objectOf(args[2])?.tmid);
      if (username)
        callback(username, Array.isArray(args[1]) && args[1].includes('user-typing'), tmid);
    });
    const typing = await this.stream('notify-room', `${channelId}/typing`, (args) => {
      const username = stringOf(args[0]);
      if (username) callback(username, args[1] === true, undefined);
    });
    return [activity, typing];
  }

  /** Stops one handler; the server subscription ends with its last handler. */
  unsubscribe(handle: string): void {
    this.streams.remove(handle);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** `http(s)://host/prefix` → `ws(s)://host/prefix/websocket`. */
export function websocketUrl(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/websocket`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

function listOf(value: unknown): WireObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is WireObject => objectOf(item) !== undefined);
}
