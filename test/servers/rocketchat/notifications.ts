import type { DesktopPreference } from './options.js';
import type { Message, Room, Subscription, User } from './store.js';

/**
 * The server's desktop-notification decision for one receiver of a new message (protocol notes
 * §7.3): never the sender, never a muted room, not while busy or without a live connection, and
 * then the subscription's preference, the user's, or the server default.
 */
export interface NotifyInput {
  room: Room;
  message: Message;
  receiver: User;
  subscription: Subscription;
  /** Whether the receiver has a logged-in connection (`statusConnection` not offline). */
  online: boolean;
  serverDefault: DesktopPreference;
  /** For thread replies: the receiver follows the thread (author, replier, mentioned). */
  threadParticipant: boolean;
}

export function mentionsOf(message: Message, receiver: User) {
  const direct = message.mentions.some(
    (m) => m._id === receiver._id || m.username === receiver.username,
  );
  const group = message.mentions.some((m) => m._id === 'all' || m._id === 'here');
  const text = message.msg.toLowerCase();
  const highlight = receiver.highlights.some((word) => text.includes(word.toLowerCase()));
  return { direct, group, highlight };
}

export function shouldNotifyDesktop(input: NotifyInput): boolean {
  const { message, receiver, subscription, room } = input;
  if (message.u._id === receiver._id) return false;
  if (subscription.disableNotifications) return false;
  if (!input.online || receiver.status === 'busy') return false;
  const preference =
    subscription.desktopNotifications ?? receiver.desktopNotifications ?? input.serverDefault;
  if (preference === 'nothing') return false;
  const threadOnly = message.tmid !== undefined;
  if (threadOnly && !input.threadParticipant) return false;
  if (preference === 'all') return true;
  const { direct, group, highlight } = mentionsOf(message, receiver);
  const groupCounts = group && !subscription.muteGroupMentions;
  return room.t === 'd' || direct || groupCounts || highlight;
}

/** `<uid>/notification` args[0], titled for the receiver the way `notifyDesktopUser` does. */
export function desktopNotification(room: Room, message: Message, subscription: Subscription) {
  const sender = message.u;
  const oneToOne = room.t === 'd' && (room.uids?.length ?? 2) <= 2;
  const roomName = room.t === 'd' ? subscription.name : (room.name ?? room._id);
  return {
    title: oneToOne ? sender.username : room.t === 'd' ? roomName : `#${roomName}`,
    text: oneToOne ? message.msg : `${sender.username}: ${message.msg}`,
    payload: {
      _id: message._id,
      rid: room._id,
      sender: { _id: sender._id, username: sender.username, name: sender.name },
      type: room.t,
      // Every room type's `getNotificationDetails` gives a name: for direct rooms the receiver's
      // name of the room (the other person, or the members of a group DM), `roomTypes/direct.ts`.
      name: roomName,
      message: { msg: message.msg, ...(message.t !== undefined && { t: message.t }) },
      ...(message.tmid !== undefined && { tmid: message.tmid }),
    },
  };
}

/** Counter moves of `notifyUsersOnMessage` with `Unread_Count` at `all_messages`. */
export function countMessage(subscription: Subscription, message: Message, receiver: User): void {
  const { direct, group, highlight } = mentionsOf(message, receiver);
  if (message.tmid !== undefined) {
    if (!subscription.tunread.includes(message.tmid)) subscription.tunread.push(message.tmid);
  } else {
    subscription.unread += 1;
    if (direct || highlight) subscription.userMentions += 1;
    if (group) subscription.groupMentions += 1;
  }
  subscription.alert = true;
  subscription.open = true;
  subscription._updatedAt = new Date();
}
