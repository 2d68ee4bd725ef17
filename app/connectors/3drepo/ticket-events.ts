import type { TidingsEvent } from '../../core/events.js';
import { child, text, type Payload } from '../shared/payload.js';
import {
  buildEvent,
  digestOfValue,
  listOf,
  mentions,
  modelName,
  modelRoom,
  preview,
  timeOf,
} from './event.js';
import { ticketFacts, type CaughtUpTicket, type TicketFacts } from './memory.js';
import { modelLink, type ModelFrame } from './model-frame.js';

/** Default ticket template properties (v5 `tickets.templates.constants`). */
const ASSIGNEES = 'Assignees';
const STATUS = 'Status';
const OWNER = 'Owner';
/** Statuses the default templates treat as finished. */
const DONE = new Set(['Closed', 'Void']);

/** "Ticket #12 'Clash at level 3'", with whatever this or an earlier event said of it. */
function ticketWords(facts: TicketFacts, ticketId: string): string {
  const number = facts.number === undefined ? '' : ` #${facts.number}`;
  const title = facts.title === undefined ? '' : ` '${facts.title}'`;
  return number || title ? `Ticket${number}${title}` : `Ticket ${ticketId}`;
}

function factsOf(frame: ModelFrame, ticketId: string, ticket?: Payload): TicketFacts {
  return { ...frame.context.recall.ticket(ticketId), ...(ticket && ticketFacts(ticket)) };
}

function ticketLink(frame: ModelFrame, ticketId: string, facts: TicketFacts): string {
  const { teamspace, project } = frame.place;
  if (!facts.template) return modelLink(frame);
  return frame.context.links.ticket(teamspace, project, facts.template, ticketId);
}

function assignedToUser(frame: ModelFrame, properties: Payload | undefined): boolean {
  const { username } = frame.context;
  return username !== undefined && listOf(properties?.[ASSIGNEES]).includes(username);
}

/** `…NewTicket`: the whole ticket. Assigned to the user at birth, it is a mention. */
export function newTicketEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data._id) ?? digestOfValue(data);
  const facts = factsOf(frame, ticketId, data);
  const properties = child(data, 'properties');
  const assigned = assignedToUser(frame, properties);
  const name = modelName(context, place);
  const owner = text(properties?.[OWNER]);
  return [
    buildEvent(context, frame.raw, {
      kind: assigned ? 'ticket-assigned' : 'ticket-created',
      id: `ticket:${ticketId}`,
      room: modelRoom(context, place),
      title: name,
      body: assigned
        ? `${ticketWords(facts, ticketId)} assigned to you`
        : // The title names the model already.
          `New ticket${ticketWords(facts, ticketId).slice('Ticket'.length)}${owner ? ` by ${owner}` : ''}`,
      author: owner,
      mentionsUser: assigned,
      time: timeOf(properties?.['Created at']),
      url: ticketLink(frame, ticketId, facts),
    }),
  ];
}

/** `…UpdateTicket`: only the new values. Assignment to the user is a mention; a close, news. */
export function updateTicketEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data._id) ?? '?';
  const facts = factsOf(frame, ticketId, data);
  const properties = child(data, 'properties');
  const status = text(properties?.[STATUS]);
  const assigned = assignedToUser(frame, properties);
  const words = ticketWords(facts, ticketId);
  const changed = [
    ...Object.keys(data).filter((key) => !['_id', 'properties', 'modules'].includes(key)),
    ...Object.keys(properties ?? {}),
    ...Object.keys(child(data, 'modules') ?? {}),
  ];
  const caught = context.recall.caughtUpTicket(ticketId);
  const body = assigned
    ? `${words} assigned to you`
    : status
      ? `${words} is now ${status}`
      : `${words} updated: ${changed.join(', ') || 'nothing'}`;
  return [
    buildEvent(context, frame.raw, {
      kind: assigned
        ? 'ticket-assigned'
        : status && DONE.has(status)
          ? 'ticket-closed'
          : 'ticket-updated',
      // A change catch-up already reported (the live frame came late) keeps that event's id.
      id:
        caught && reportedBy(caught, data)
          ? caught.eventId
          : `ticket-update:${ticketId}:${digestOfValue(data)}`,
      room: modelRoom(context, place),
      title: modelName(context, place),
      body,
      mentionsUser: assigned,
      time: timeOf(properties?.['Updated at']),
      url: ticketLink(frame, ticketId, facts),
    }),
  ];
}

/** Whether every new value of a live update is what catch-up found the ticket holding. */
function reportedBy(caught: CaughtUpTicket, update: Payload): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // The list catch-up reads carries no modules: a module change cannot be matched.
  if (Object.keys(child(update, 'modules') ?? {}).length > 0) return false;
  const root = Object.entries(update).filter(
    ([key]) => !['_id', 'properties', 'modules'].includes(key),
  );
  const changed = Object.entries(child(update, 'properties') ?? {});
  return (
    root.length + changed.length > 0 &&
    root.every(([key, value]) => key === 'title' && same(value, caught.title)) &&
    changed.every(([key, value]) => same(value, caught.properties[key]))
  );
}

/**
 * A ticket catch-up found changed (not created) since the outage: the list gives its state
 * now, not what changed, so it reads as an update with its status; `Updated at` names it.
 */
export function changedTicketEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data._id) ?? digestOfValue(data);
  const facts = factsOf(frame, ticketId, data);
  const properties = child(data, 'properties');
  const status = text(properties?.[STATUS]);
  const updatedAt = timeOf(properties?.['Updated at']);
  // Whether the change was the assignment is unknown: said as a fact, not as a mention.
  const now = [status && `now ${status}`, assignedToUser(frame, properties) && 'assigned to you']
    .filter(Boolean)
    .join(', ');
  return [
    buildEvent(context, frame.raw, {
      kind: status && DONE.has(status) ? 'ticket-closed' : 'ticket-updated',
      id: `ticket-update:${ticketId}:${updatedAt ?? digestOfValue(data)}`,
      room: modelRoom(context, place),
      title: modelName(context, place),
      body: `${ticketWords(facts, ticketId)} was updated${now ? ` (${now})` : ''}`,
      time: updatedAt,
      url: ticketLink(frame, ticketId, facts),
    }),
  ];
}

/** `…NewTicketComment`: a comment that names `@user` is a mention. */
export function newCommentEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data.ticket) ?? '?';
  const facts = factsOf(frame, ticketId);
  const author = text(data.author);
  const message = text(data.message);
  const images = listOf(data.images).length;
  const said = message ? `: ${preview(message)}` : images > 0 ? ': sent an image' : '';
  return [
    buildEvent(context, frame.raw, {
      kind: 'ticket-comment-added',
      id: `comment:${text(data._id) ?? digestOfValue(data)}`,
      room: modelRoom(context, place),
      title: modelName(context, place),
      body: `${author ?? 'Someone'} commented on ${lowerFirst(ticketWords(facts, ticketId))}${said}`,
      author,
      mentionsUser: mentions(message, context.username),
      time: timeOf(data.createdAt),
      url: ticketLink(frame, ticketId, facts),
    }),
  ];
}

/** `…UpdateTicketComment`: an edit or a deletion of a comment; history only. */
export function updateCommentEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data.ticket) ?? '?';
  const facts = factsOf(frame, ticketId);
  const what = data.deleted === true ? 'deleted' : 'edited';
  return [
    buildEvent(context, frame.raw, {
      kind: 'ticket-comment-updated',
      // `updatedAt` names the edit (catch-up sees it too); older frames without it, their digest.
      id: `comment-update:${text(data._id) ?? '?'}:${timeOf(data.updatedAt) ?? digestOfValue(data)}`,
      room: modelRoom(context, place),
      title: modelName(context, place),
      body: `A comment on ${lowerFirst(ticketWords(facts, ticketId))} was ${what}`,
      author: text(data.author),
      time: timeOf(data.updatedAt),
      url: ticketLink(frame, ticketId, facts),
      historyOnly: `comment ${what}`,
    }),
  ];
}

/** `…UpdateTicketGroup`: a ticket's group changed; history only. */
export function updateGroupEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const ticketId = text(data.ticket) ?? '?';
  const facts = factsOf(frame, ticketId);
  const group = text(data.name) ? `Group '${text(data.name)}'` : 'A group';
  return [
    buildEvent(context, frame.raw, {
      kind: 'ticket-updated',
      id: `group-update:${text(data._id) ?? '?'}:${digestOfValue(data)}`,
      room: modelRoom(context, place),
      title: modelName(context, place),
      body: `${group} of ${lowerFirst(ticketWords(facts, ticketId))} changed`,
      url: ticketLink(frame, ticketId, facts),
      historyOnly: 'ticket group changed',
    }),
  ];
}

function lowerFirst(words: string): string {
  return words.charAt(0).toLowerCase() + words.slice(1);
}
