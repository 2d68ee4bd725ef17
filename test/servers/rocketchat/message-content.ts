import { parse } from '@rocket.chat/message-parser';
import type { Message, Room } from './store.js';

/**
 * What Rocket.Chat derives from a message's text and keeps beside it: `md`, the message parser's
 * AST (`@rocket.chat/message-parser`, the package Rocket.Chat itself uses), present only while
 * `msg` has text; and the room's embedded `lastMessage`.
 */
export function setText(message: Message, text: string): void {
  message.msg = text;
  if (text === '') delete message.md;
  else message.md = parse(text);
}

/**
 * Rooms embed their newest visible message (`Rooms.incMsgCountAndSetLastMessageById`); a thread
 * reply counts only when it is also shown in the room (`tshow`). The same object is embedded, so
 * edits and reactions show in it as `setReactionsInLastMessage` makes them.
 */
export function noteLastMessage(room: Room, message: Message): void {
  if (message.tmid === undefined) room.lastMessage = message;
}

/** After a deletion the room's `lastMessage` falls back to the newest message left. */
export function resetLastMessage(room: Room, newestLeft: Message | undefined): void {
  if (newestLeft) room.lastMessage = newestLeft;
  else delete room.lastMessage;
}
