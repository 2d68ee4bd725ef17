import type { EventAuthor, EventKind, EventRoom, TidingsEvent } from '../../core/events.js';
import { digestOf } from '../shared/digest.js';
import { epochMs, text } from '../shared/payload.js';
import type { Links } from './links.js';
import type { Recall } from './memory.js';
import { roomKey, type RoomSpec } from './rooms.js';

/** What the mapper needs besides the frame; plain values and lookups, so mapping stays pure. */
export interface MapContext {
  account: string;
  /** Who the session belongs to (`GET /v5/login`): tells mentions and own changes apart. */
  username: string | undefined;
  links: Links;
  /** When it arrived: the time of events that carry none. */
  receivedAt: number;
  room(key: string): RoomSpec | undefined;
  /** The configured room of a model known only by teamspace and id (v4 event names). */
  modelSpec(teamspace: string, model: string): RoomSpec | undefined;
  recall: Recall;
}

/** Where a model-room event happened: the envelope's `{teamspace, project, model}`. */
export interface ModelPlace {
  teamspace: string;
  project: string;
  model: string;
}

export interface EventParts {
  kind: EventKind;
  id: string;
  room: EventRoom;
  title: string;
  body: string;
  author?: string | undefined;
  time?: number | undefined;
  url?: string | undefined;
  mentionsUser?: boolean;
  target?: string | undefined;
  historyOnly?: string | undefined;
}

export function buildEvent(context: MapContext, raw: unknown, parts: EventParts): TidingsEvent {
  const author: EventAuthor | undefined = parts.author
    ? { id: parts.author, name: parts.author }
    : undefined;
  return {
    account: context.account,
    kind: parts.kind,
    id: parts.id,
    time: parts.time ?? context.receivedAt,
    room: parts.room,
    ...(author && { author }),
    title: parts.title,
    body: parts.body,
    mentionsUser: parts.mentionsUser ?? false,
    ownMessage: author !== undefined && author.id === context.username,
    ...(parts.url !== undefined && { url: parts.url }),
    ...(parts.target !== undefined && { target: parts.target }),
    ...(parts.historyOnly !== undefined && { historyOnly: parts.historyOnly }),
    raw,
  };
}

/** The model's room as the user named it, else as an earlier event named it, else its id. */
export function modelRoom(context: MapContext, place: ModelPlace): EventRoom {
  const key = roomKey(place.teamspace, place.project, place.model);
  const configured = context.room(key);
  if (configured) return configured.room;
  const name = context.recall.modelName(place.teamspace, place.model) ?? place.model;
  return { id: key, name, type: 'model' };
}

export function projectRoom(context: MapContext, teamspace: string, project: string): EventRoom {
  const key = roomKey(teamspace, project);
  return (
    context.room(key)?.room ?? { id: key, name: `${teamspace} project ${project}`, type: 'project' }
  );
}

export function modelName(context: MapContext, place: ModelPlace): string {
  return modelRoom(context, place).name ?? place.model;
}

/** Epoch ms, or a Date serialised as an ISO string (settings updates). */
export function timeOf(value: unknown): number | undefined {
  const iso = text(value);
  if (iso !== undefined && !/^\d+(\.\d+)?$/.test(iso)) {
    const parsed = Date.parse(iso);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return epochMs(value);
}

/** A stable id for events that carry none: the same frame redelivered dedupes. */
export function digestOfValue(value: unknown): string {
  return digestOf(JSON.stringify(value) ?? '');
}

/** Whether `text` mentions the user as `@username`. */
export function mentions(value: unknown, username: string | undefined): boolean {
  const message = text(value);
  if (!message || !username) return false;
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w.-]*\\w)`, 'i').test(message);
}

export function listOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

const PREVIEW_LENGTH = 200;

export function preview(value: string): string {
  return value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value;
}
