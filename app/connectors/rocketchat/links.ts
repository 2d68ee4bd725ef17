import type { EventRoom } from '../../core/events.js';

/**
 * The web client's address of a message: `/channel/<name>`, `/group/<name>` or `/direct/<rid>`,
 * with `/thread/<tmid>` for thread replies and `?msg=<id>` to jump to it. Names and ids come
 * from the server, so each is encoded as one path segment.
 */
export function messageLink(
  server: string,
  room: EventRoom,
  messageId: string | undefined,
  threadId?: string,
): string | undefined {
  // Callers mostly pass the base already trimmed: no regex per message then.
  const base = server.endsWith('/') ? server.replace(/\/+$/, '') : server;
  let path: string;
  if (room.type === 'direct') path = `/direct/${encodeURIComponent(room.id)}`;
  else if (room.name === undefined) return undefined;
  else path = `/${room.type === 'group' ? 'group' : 'channel'}/${encodeURIComponent(room.name)}`;
  if (threadId !== undefined) path += `/thread/${encodeURIComponent(threadId)}`;
  const query = messageId === undefined ? '' : `?msg=${encodeURIComponent(messageId)}`;
  return `${base}${path}${query}`;
}
