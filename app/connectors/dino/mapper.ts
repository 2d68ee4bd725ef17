import type { TidingsEvent } from '../../core/events.js';
import { parsedNestsDeeperThan, TOO_DEEP } from '../../core/json-depth.js';
import { digestOf } from '../shared/digest.js';
import { buildEvent, makeFrame, type Frame, type MapContext } from './frame.js';
import {
  groupEvents,
  highlightEvents,
  ircRoomsEvents,
  joinEvents,
  leaveEvents,
} from './group-events.js';
import { actionEvents, editEvents, messageEvents } from './messages.js';
import { isPayload, text, type Payload } from '../shared/payload.js';
import { readEvents } from './receipts.js';
import { REMOVAL_TYPES, removalEvents } from './removals.js';

export type { MapContext } from './frame.js';

type Handler = (frame: Frame) => TidingsEvent[];

/** Every `event_type` Dino knows, current (`MessageEventType`) and legacy (`EventTypes`). */
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['message', messageEvents],
  ['attachment', messageEvents],
  ['irc_message', messageEvents],
  ['edit', editEvents],
  ['action', actionEvents],
  ['action_log', actionEvents],
  ['read', readEvents],
  ['group', groupEvents],
  ['join', joinEvents],
  ['leave', leaveEvents],
  ['highlight', highlightEvents],
  ['irc_rooms', ircRoomsEvents],
  ...REMOVAL_TYPES.map((type): [string, Handler] => [type, removalEvents]),
]);

export const KNOWN_EVENT_TYPES: readonly string[] = [...HANDLERS.keys()];

const decoder = new TextDecoder('utf-8');

/**
 * One MQTT payload to the events it means. Pure: the same payload and context give the same
 * events. Never throws: what cannot be read becomes an `unknown` event kept in history, so the
 * user can see that something arrived.
 */
export function mapDinoPayload(payload: Uint8Array | string, context: MapContext): TidingsEvent[] {
  const raw = typeof payload === 'string' ? payload : decoder.decode(payload);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [unreadable(raw, byteLength(payload), context, 'payload is not JSON')];
  }
  if (!isPayload(parsed))
    return [unreadable(raw, byteLength(payload), context, 'payload is not a JSON object')];
  // Before anything walks it: previews and digests serialise the payload, recursively. Walked
  // only when its text has enough brackets to nest that deep (almost never).
  if (parsedNestsDeeperThan(raw, parsed))
    return [unreadable(raw, byteLength(payload), context, `payload ${TOO_DEEP}`)];
  const type = text(parsed.event_type)?.trim() ?? '';
  const frame = makeFrame(type, parsed, raw, context);
  const handler = HANDLERS.get(type);
  if (!handler)
    return [unknownEvent(frame, type ? `unknown event type "${type}"` : 'no event_type')];
  try {
    return handler(frame);
  } catch (error) {
    // A shape no handler foresaw must not lose the event.
    const reason = error instanceof Error ? error.message : String(error);
    return [unknownEvent(frame, `could not read "${type}": ${reason}`)];
  }
}

const PREVIEW_LENGTH = 200;

function preview(value: string): string {
  return value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value;
}

function unknownEvent(frame: Frame, reason: string): TidingsEvent {
  return buildEvent(frame, {
    kind: 'unknown',
    id: `unknown:${frame.digest}`,
    title: frame.type ? `Dino event "${frame.type}"` : 'Dino event',
    body: preview(JSON.stringify(frame.payload)),
    historyOnly: reason,
  });
}

function byteLength(payload: Uint8Array | string): number {
  return typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
}

function unreadable(raw: string, bytes: number, context: MapContext, reason: string): TidingsEvent {
  const binary = raw.includes('\uFFFD');
  const frame = makeFrame('', {} as Payload, raw, context);
  return {
    ...buildEvent(frame, {
      kind: 'unknown',
      id: `unreadable:${digestOf(raw)}`,
      title: 'Unreadable Dino event',
      body: binary ? `${bytes} bytes of binary data` : preview(raw),
      historyOnly: reason,
    }),
    raw,
  };
}
