import type { EventRoom } from '../../core/events.js';
import type { ThreeDRepoAccount } from '../../core/settings/accounts.js';
import { isPayload, text } from '../shared/payload.js';

/** What `join`/`leave` carry (`socketsManager.js`): exactly these keys, nothing of ours. */
export type JoinRequest =
  { notifications: true } | { teamspace: string; project: string; model?: string };

/** One configured room: what to send, how results and events find it, how the user reads it. */
export interface RoomSpec {
  request: JoinRequest;
  /** The server's own room name, minus the user part of `notifications::<user>`. */
  key: string;
  /** What the status and notifications call it: "Tower", "Notifications". */
  label: string;
  room: EventRoom;
}

export const NOTIFICATIONS_KEY = 'notifications';

type ConfiguredRoom = NonNullable<ThreeDRepoAccount['rooms']>[number];

/** The account's rooms; without any, the user's own notification room. */
export function roomSpecs(account: Pick<ThreeDRepoAccount, 'rooms'>): RoomSpec[] {
  const rooms: ConfiguredRoom[] = account.rooms ?? [{ notifications: true }];
  const specs = new Map<string, RoomSpec>();
  for (const room of rooms) {
    const spec = specOf(room);
    specs.set(spec.key, spec);
  }
  return [...specs.values()];
}

function specOf(room: ConfiguredRoom): RoomSpec {
  if ('notifications' in room)
    return {
      request: { notifications: true },
      key: NOTIFICATIONS_KEY,
      label: 'Notifications',
      room: { id: NOTIFICATIONS_KEY, name: 'Notifications', type: 'user' },
    };
  const { teamspace, project, model, name } = room;
  const key = roomKey(teamspace, project, model);
  const label = name ?? (model ? `${teamspace}/${model}` : `${teamspace} project ${project}`);
  return {
    request: model ? { teamspace, project, model } : { teamspace, project },
    key,
    label,
    room: { id: key, name: label, type: model ? 'model' : 'project' },
  };
}

/** `<teamspace>::<project>[::<model>]`, as the server names the room. */
export function roomKey(teamspace: string, project: string, model?: string): string {
  return model ? `${teamspace}::${project}::${model}` : `${teamspace}::${project}`;
}

/** The room a join result echoes back (`details.data` / `data.data`), as a key. */
export function keyOfEcho(payload: unknown): string | undefined {
  if (!isPayload(payload)) return undefined;
  if (payload.notifications === true) return NOTIFICATIONS_KEY;
  const teamspace = text(payload.teamspace);
  const project = text(payload.project);
  if (!teamspace || !project) return undefined;
  return roomKey(teamspace, project, text(payload.model));
}

/** How a join result reads beside the account's status. */
export function joinWords(code: string | undefined, message?: string): string {
  if (code === undefined) return 'joined';
  if (code === 'UNAUTHORISED') return 'UNAUTHORISED (not signed in to the chat service)';
  // The server says ROOM_NOT_FOUND for a model the user may not read, too (§3 of the notes).
  if (code === 'ROOM_NOT_FOUND') return 'ROOM_NOT_FOUND (no such model or no access)';
  return message ? `${code}: ${message}` : code;
}
