import { MeteorError } from './errors.js';
import { reactionName } from './emoji.js';
import { randomId } from './ids.js';
import { noteLastMessage, resetLastMessage, setText } from './message-content.js';
import { countMessage, desktopNotification, shouldNotifyDesktop } from './notifications.js';
import type { ResolvedOptions } from './options.js';
import { Publications, type Peer } from './publications.js';
import type { Message, Room, Store, Subscription, User, UserStatus } from './store.js';

const STATUS_CODE: Record<UserStatus, number> = { offline: 0, online: 1, away: 2, busy: 3 };
const MENTION = /(?:^|[^\w@])@([\w.-]+)/g;

export interface PostOptions {
  id?: string;
  tmid?: string;
  ts?: Date;
  /** A system message type (`uj`, `ru`, `room_changed_topic`...). */
  t?: string;
  attachments?: Record<string, unknown>[];
}

/**
 * The server's behaviour shared by every connection: the message paths (post, edit, delete,
 * react, pin, read) with their stream events, notifications and counters, and presence.
 */
export class Hub {
  readonly publications = new Publications();
  /** Every method call, in order: what a test asks the server about (catch-up calls). */
  readonly calls: { method: string; params: unknown[]; username: string | undefined }[] = [];
  /** Live, logged-in connections per user id. */
  private readonly online = new Map<string, Set<Peer>>();

  constructor(
    readonly store: Store,
    readonly options: ResolvedOptions,
  ) {}

  // ---- presence ---------------------------------------------------------------------------

  loggedIn(peer: Peer, user: User): void {
    let peers = this.online.get(user._id);
    if (!peers) this.online.set(user._id, (peers = new Set()));
    const first = peers.size === 0;
    peers.add(peer);
    if (first) this.emitStatus(user);
  }

  loggedOut(peer: Peer, userId: string): void {
    const peers = this.online.get(userId);
    if (!peers?.delete(peer) || peers.size > 0) return;
    this.online.delete(userId);
    const user = this.store.users.get(userId);
    if (user) this.emitStatus(user);
  }

  isOnline(userId: string): boolean {
    return (this.online.get(userId)?.size ?? 0) > 0;
  }

  peersOf(userId: string): Peer[] {
    return [...(this.online.get(userId) ?? [])];
  }

  effectiveStatus(user: User): UserStatus {
    return this.isOnline(user._id) ? user.status : 'offline';
  }

  setStatus(user: User, status: User['status'], statusText = user.statusText): void {
    user.status = status;
    user.statusText = statusText;
    this.emitStatus(user);
  }

  private emitStatus(user: User): void {
    const status = STATUS_CODE[this.effectiveStatus(user)];
    const entry: unknown[] = [user._id, user.username, status, user.statusText];
    if (this.options.behaviour.userStatusFields === 6) entry.push(user.name, user.roles);
    this.publications.emit('stream-notify-logged', 'user-status', [entry]);
  }

  // ---- stream helpers ---------------------------------------------------------------------

  emitUser(uid: string, event: string, args: unknown[]): void {
    this.publications.emit('stream-notify-user', `${uid}/${event}`, args);
  }

  emitRoom(rid: string, event: string, args: unknown[], except?: Peer): void {
    this.publications.emit('stream-notify-room', `${rid}/${event}`, args, except);
  }

  /** The full current document on `stream-room-messages`, by room id and `__my_messages__`. */
  emitMessage(message: Message): void {
    this.publications.emit('stream-room-messages', message.rid, [message]);
    const room = this.store.rooms.get(message.rid);
    this.publications.emit('stream-room-messages', '__my_messages__', (peer) => {
      if (!peer.userId || !this.store.canRead(message.rid, peer.userId)) return undefined;
      if (!this.options.behaviour.myMessagesExtra) return [message, {}];
      const roomParticipant = this.store.subscription(message.rid, peer.userId) !== undefined;
      return [message, { roomParticipant, roomType: room?.t, roomName: room?.name }];
    });
  }

  private subscriptionChanged(subscription: Subscription): void {
    this.emitUser(subscription.u._id, 'subscriptions-changed', ['updated', subscription]);
  }

  private roomChanged(room: Room): void {
    for (const member of this.store.members(room._id))
      this.emitUser(member._id, 'rooms-changed', ['updated', room]);
  }

  // ---- messages ---------------------------------------------------------------------------

  post(sender: User, rid: string, text: string, options: PostOptions = {}): Message {
    const room = this.store.rooms.get(rid);
    if (!room) throw new MeteorError('error-invalid-room', 'Invalid room');
    if (options.id !== undefined && this.store.messages.has(options.id))
      throw new MeteorError('error-message-already-exists', 'Message already exists');
    const now = new Date();
    const message: Message = {
      _id: options.id ?? randomId(),
      rid,
      msg: '',
      ts: options.ts ?? now,
      u: { _id: sender._id, username: sender.username, name: sender.name },
      _updatedAt: now,
      ...(options.t !== undefined && { t: options.t }),
      mentions: options.t === undefined ? this.mentionsIn(text, rid) : [],
      channels: [],
      urls: [],
      ...(options.tmid !== undefined && { tmid: options.tmid }),
      ...(options.attachments && { attachments: options.attachments }),
    };
    setText(message, text);
    this.store.addMessage(message);
    noteLastMessage(room, message);
    room.lm = now;
    room.msgs += 1;
    room._updatedAt = now;
    this.emitMessage(message);
    if (message.tmid !== undefined) this.threadReplyAdded(message);
    // System messages inform the room but notify nobody (assumption: not read in source).
    if (message.t === undefined) this.notifyMembers(room, message);
    this.roomChanged(room);
    return message;
  }

  private mentionsIn(text: string, rid: string): Message['mentions'] {
    const mentions: Message['mentions'] = [];
    for (const match of text.matchAll(MENTION)) {
      const name = match[1]!;
      if (name === 'all' || name === 'here') {
        mentions.push({ _id: name, username: name });
        continue;
      }
      const user = this.store.userByName(name);
      if (user && this.store.canRead(rid, user._id))
        mentions.push({ _id: user._id, username: user.username, name: user.name, type: 'user' });
    }
    return mentions;
  }

  private threadReplyAdded(reply: Message): void {
    const parent = this.store.messages.get(reply.tmid!);
    if (!parent) return;
    parent.tcount = (parent.tcount ?? 0) + 1;
    parent.tlm = reply.ts;
    parent.replies = [...new Set([...(parent.replies ?? [parent.u._id]), reply.u._id])];
    parent._updatedAt = new Date();
    this.emitMessage(parent);
  }

  private threadParticipant(message: Message, user: User): boolean {
    if (message.tmid === undefined) return false;
    const parent = this.store.messages.get(message.tmid);
    return (
      parent !== undefined &&
      (parent.u._id === user._id ||
        (parent.replies ?? []).includes(user._id) ||
        message.mentions.some((m) => m._id === user._id))
    );
  }

  private notifyMembers(room: Room, message: Message): void {
    // Imports and clock-skewed messages (more than 60 s away) notify nobody.
    const fresh = Math.abs(Date.now() - message.ts.getTime()) <= 60_000;
    for (const receiver of this.store.members(room._id)) {
      if (receiver._id === message.u._id) continue;
      const subscription = this.store.subscription(room._id, receiver._id)!;
      const notify =
        fresh &&
        shouldNotifyDesktop({
          room,
          message,
          receiver,
          subscription,
          online: this.isOnline(receiver._id),
          serverDefault: this.options.defaultDesktopNotifications,
          threadParticipant: this.threadParticipant(message, receiver),
        });
      if (notify)
        this.emitUser(receiver._id, 'notification', [
          desktopNotification(room, message, subscription),
        ]);
      countMessage(subscription, message, receiver);
      this.subscriptionChanged(subscription);
    }
  }

  edit(editor: User, mid: string, text: string): Message {
    const message = this.mustMessage(mid);
    setText(message, text);
    message.mentions = this.mentionsIn(text, message.rid);
    message.editedAt = new Date();
    message.editedBy = { _id: editor._id, username: editor.username };
    message._updatedAt = message.editedAt;
    this.emitMessage(message);
    return message;
  }

  delete(deleter: User, mid: string): void {
    const message = this.mustMessage(mid);
    const tombstone = this.options.showDeletedStatus || (message.tcount ?? 0) > 0;
    if (tombstone) {
      setText(message, '');
      Object.assign(message, {
        t: 'rm',
        urls: [],
        mentions: [],
        attachments: [],
        reactions: {},
        editedAt: new Date(),
        editedBy: { _id: deleter._id, username: deleter.username },
        _updatedAt: new Date(),
      });
      this.emitMessage(message);
    } else {
      this.store.messages.delete(mid);
      this.emitRoom(message.rid, 'deleteMessage', [{ _id: mid }]);
      const room = this.store.rooms.get(message.rid);
      if (room?.lastMessage?._id === mid)
        resetLastMessage(
          room,
          this.store.history(room._id).find((m) => m.tmid === undefined),
        );
    }
    const parent = message.tmid === undefined ? undefined : this.store.messages.get(message.tmid);
    if (parent && (parent.tcount ?? 0) > 0) {
      parent.tcount = parent.tcount! - 1;
      parent._updatedAt = new Date();
      this.emitMessage(parent);
    }
  }

  /** Toggles the reaction unless `shouldReact` says which way. */
  react(user: User, mid: string, emoji: string, shouldReact?: boolean): Message {
    const message = this.mustMessage(mid);
    const reaction = reactionName(emoji);
    const reactions = message.reactions ?? {};
    const usernames = reactions[reaction]?.usernames ?? [];
    const has = usernames.includes(user.username);
    const want = shouldReact ?? !has;
    if (want && !has) reactions[reaction] = { usernames: [...usernames, user.username] };
    if (!want && has) {
      const left = usernames.filter((name) => name !== user.username);
      if (left.length > 0) reactions[reaction] = { usernames: left };
      else delete reactions[reaction];
    }
    // The field disappears with the last reaction.
    if (Object.keys(reactions).length > 0) message.reactions = reactions;
    else delete message.reactions;
    message._updatedAt = new Date();
    this.emitMessage(message);
    return message;
  }

  /** The original re-sent with `pinned`, plus a `message_pinned` system message quoting it. */
  pin(user: User, mid: string): Message {
    const message = this.mustMessage(mid);
    message.pinned = true;
    message.pinnedAt = new Date();
    message.pinnedBy = { _id: user._id, username: user.username };
    message._updatedAt = message.pinnedAt;
    this.emitMessage(message);
    return this.post(user, message.rid, '', {
      t: 'message_pinned',
      attachments: [
        { text: message.msg, author_name: message.u.username, ts: message.ts, message_link: mid },
      ],
    });
  }

  readMessages(user: User, rid: string): void {
    const subscription = this.store.subscription(rid, user._id);
    if (!subscription) throw new MeteorError('error-invalid-subscription', 'Invalid subscription');
    Object.assign(subscription, {
      unread: 0,
      userMentions: 0,
      groupMentions: 0,
      alert: false,
      tunread: [],
      ls: new Date(),
      _updatedAt: new Date(),
    });
    this.subscriptionChanged(subscription);
  }

  /** Token revocation: `force_logout`, then every connection of the user is closed. */
  forceLogout(user: User, close: (peer: Peer) => void): void {
    user.tokens = user.tokens.filter((t) => t.personal);
    this.emitUser(user._id, 'force_logout', []);
    for (const peer of this.peersOf(user._id)) close(peer);
  }

  mustMessage(mid: string): Message {
    const message = this.store.messages.get(mid);
    if (!message) throw new MeteorError('error-invalid-message', 'Invalid message');
    return message;
  }
}
