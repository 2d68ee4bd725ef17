import type { EventKind, EventRoom, TidingsEvent } from '../../core/events.js';
import { isPayload, text, type Payload } from '../shared/payload.js';
import { buildEvent, digestOfValue, mentions, preview, timeOf, type MapContext } from './event.js';

/**
 * v4 events, still sent into the v5 model rooms with raw data (`v4/models/chatEvent.js`):
 * the name is `<account>::<model>[::<issue or risk id>]::<event>`.
 */
export interface V4Name {
  account: string;
  model: string;
  extra: string[];
  event: string;
}

export function parseV4Name(name: string): V4Name | undefined {
  const parts = name.split('::');
  if (parts.length < 3) return undefined;
  const [account, model, ...rest] = parts;
  const event = rest.pop();
  if (!account || !model || !event) return undefined;
  return { account, model, extra: rest, event };
}

interface Topic {
  what: 'issue' | 'risk';
  created: boolean;
}

const TOPICS: ReadonlyMap<string, Topic> = new Map([
  ['issueCreated', { what: 'issue', created: true }],
  ['issueUpdated', { what: 'issue', created: false }],
  ['riskCreated', { what: 'risk', created: true }],
  ['riskUpdated', { what: 'risk', created: false }],
]);

interface Place {
  room: EventRoom;
  title: string;
  url: string | undefined;
}

function placeOf(name: V4Name, context: MapContext): Place {
  const spec = context.modelSpec(name.account, name.model);
  const label = spec?.label ?? context.recall.modelName(name.account, name.model) ?? name.model;
  const project = spec && 'project' in spec.request ? spec.request.project : undefined;
  return {
    room: spec?.room ?? { id: `${name.account}::${name.model}`, name: label, type: 'model' },
    title: label,
    url: project ? context.links.viewer(name.account, project, name.model) : undefined,
  };
}

/** The v4 issue/risk events as the user reads them; other v4 events go to history. */
export function v4Events(name: V4Name, payload: unknown, context: MapContext): TidingsEvent[] {
  const place = placeOf(name, context);
  // v4 sends a batch of new issues as an array.
  const items = Array.isArray(payload)
    ? payload.filter(isPayload)
    : isPayload(payload)
      ? [payload]
      : [];
  const topic = TOPICS.get(name.event);
  if (topic) return items.map((item) => topicEvent(topic, item, place, context));
  if (name.event === 'commentCreated')
    return items.map((item) => commentEvent(item, place, context));
  return [
    buildEvent(context, payload, {
      kind: 'unknown',
      id: `v4:${name.event}:${digestOfValue(payload)}`,
      room: place.room,
      title: place.title,
      body: `${name.event}: ${preview(JSON.stringify(payload) ?? '')}`,
      historyOnly: `v4 ${name.event}`,
    }),
  ];
}

function topicEvent(topic: Topic, item: Payload, place: Place, context: MapContext): TidingsEvent {
  const number = typeof item.number === 'number' ? ` #${item.number}` : '';
  const title = text(item.name) ? ` '${text(item.name)}'` : '';
  const words = `${topic.what}${number}${title}`;
  const status = text(item.status) ?? text(item.mitigation_status);
  const closed = status === 'closed' || status === 'agreed_fully';
  const owner = text(item.owner);
  let kind: EventKind = 'ticket-updated';
  let body = `${capital(words)} updated${status ? `: ${status}` : ''}`;
  if (topic.created) {
    kind = 'ticket-created';
    body = `New ${words}${owner ? ` by ${owner}` : ''}`;
  } else if (closed) {
    kind = 'ticket-closed';
    body = `${capital(words)} closed`;
  }
  return buildEvent(context, item, {
    kind,
    id: `v4-${topic.what}:${text(item._id) ?? '?'}:${digestOfValue(item)}`,
    room: place.room,
    title: place.title,
    body,
    author: topic.created ? owner : undefined,
    time: timeOf(topic.created ? item.created : undefined),
    url: place.url,
  });
}

function commentEvent(item: Payload, place: Place, context: MapContext): TidingsEvent {
  const owner = text(item.owner);
  const comment = text(item.comment);
  return buildEvent(context, item, {
    kind: 'ticket-comment-added',
    id: `v4-comment:${text(item.guid) ?? text(item._id) ?? digestOfValue(item)}`,
    room: place.room,
    title: place.title,
    body: `${owner ?? 'Someone'} commented${comment ? `: ${preview(comment)}` : ''}`,
    author: owner,
    mentionsUser: mentions(comment, context.username),
    time: timeOf(item.created),
    url: place.url,
  });
}

function capital(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
