import type { EventRoom } from '../../core/events.js';
import type { MapContext } from './frame.js';
import { oneToOnePeer } from './group-id.js';
import { child, idOf, idsOf, intOf, text, type Payload } from '../shared/payload.js';

const GROUP_TYPE_ONE_TO_ONE = 1;
const GROUP_TYPE_PUBLIC_ROOM = 2;

/** The group block: nested in messages, the payload itself in `group` events. */
function groupBlock(type: string, payload: Payload): Payload | undefined {
  return child(payload, 'group') ?? (type === 'group' ? payload : undefined);
}

/** The conversation an event belongs to, named as the user knows it. */
export function roomOf(type: string, payload: Payload, context: MapContext): EventRoom {
  const group = groupBlock(type, payload);
  const id = idOf(payload.group_id) ?? idOf(group?.group_id);
  if (id === undefined) {
    // Events sent to a shared topic (`dms/<env>/irc`, chatops) may name no group.
    const name = context.topic.split('/').at(-1) || context.topic;
    return { id: context.topic, name, type: type.startsWith('irc_') ? 'channel' : 'group' };
  }
  const groupType = intOf(payload.group_type) ?? intOf(group?.group_type);
  const decodedPeer = oneToOnePeer(id, context.userId);
  const direct =
    groupType === undefined ? decodedPeer !== undefined : groupType === GROUP_TYPE_ONE_TO_ONE;
  if (direct) {
    const name = peerName(decodedPeer ?? listedPeer(group, context.userId), payload, context);
    return { id, type: 'direct', ...(name !== undefined && { name }) };
  }
  const name = text(group?.name) ?? context.names?.group(id);
  const channel = groupType === GROUP_TYPE_PUBLIC_ROOM || type.startsWith('irc_');
  return { id, type: channel ? 'channel' : 'group', ...(name !== undefined && { name }) };
}

/** The other member of a one-to-one group from its member list or its "1234,5678" name. */
function listedPeer(group: Payload | undefined, userId: string): string | undefined {
  const members = [...idsOf(group?.user_ids), ...(text(group?.name)?.split(',') ?? [])];
  const others = new Set(members.map((m) => m.trim()).filter((m) => m !== '' && m !== userId));
  return others.size === 1 ? [...others][0] : undefined;
}

/** A one-to-one room shows the other person's name, never the group's "1234,5678". */
function peerName(peer: string | undefined, payload: Payload, context: MapContext) {
  const sender = idOf(payload.sender_id);
  const other = peer ?? (sender !== context.userId ? sender : undefined);
  if (other === undefined) return undefined;
  const senderName = text(child(child(payload, 'notification'), 'author')?.username);
  if (sender === other && senderName) return senderName;
  return context.names?.user(other) ?? other;
}
