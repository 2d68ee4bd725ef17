// The events a person would cause in the web app, for tests and the demo: each is kept in the
// records (what catch-up's REST routes answer from) and sent to the model's room.
import type { ModelType } from './catalog.js';
import type { Records } from './records.js';
import type { ModelPlace, ThreeDRepoServer } from './server.js';

let counter = 0;
const nextId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/** When it happened (epoch ms); now unless given. */
interface At {
  at?: number;
}

export interface DemoScript {
  newRevision(
    place: ModelPlace,
    revision: { tag?: string; author: string; desc?: string; type?: ModelType } & At,
  ): string;
  importFinished(place: ModelPlace, options?: { status?: string; type?: ModelType }): void;
  importFailed(place: ModelPlace, message: string, type?: ModelType): void;
  newTicket(
    place: ModelPlace,
    ticket: {
      number: number;
      title: string;
      owner: string;
      assignees?: string[];
      template?: string;
      type?: 'container' | 'federation';
    } & At,
  ): string;
  assignTicket(place: ModelPlace, ticketId: string, assignees: string[], at?: number): void;
  commentOnTicket(
    place: ModelPlace,
    ticketId: string,
    author: string,
    message: string,
    at?: number,
  ): string;
  newContainer(teamspace: string, project: string, name: string): string;
}

export function demoScript(
  records: Records,
  emitModelEvent: ThreeDRepoServer['emitModelEvent'],
  emitProjectEvent: ThreeDRepoServer['emitProjectEvent'],
): DemoScript {
  return {
    newRevision(place, { tag, author, desc, type = 'container', at = Date.now() }) {
      const _id = nextId('rev');
      records.addRevision(place, type, {
        _id,
        author,
        timestamp: at,
        ...(tag !== undefined && { tag }),
        ...(desc !== undefined && { desc }),
      });
      emitModelEvent(place, `${type}NewRevision`, { _id, tag, author, desc, timestamp: at });
      return _id;
    },
    importFinished(place, { status = 'ok', type = 'container' } = {}) {
      const timestamp = new Date().toISOString();
      emitModelEvent(
        place,
        `${type}SettingsUpdate`,
        status === 'ok' ? { status, timestamp } : { status },
      );
    },
    importFailed(place, message, type = 'container') {
      emitModelEvent(place, `${type}SettingsUpdate`, {
        status: 'failed',
        errorReason: { message, timestamp: new Date().toISOString(), errorCode: 14 },
      });
    },
    newTicket(
      place,
      {
        number,
        title,
        owner,
        assignees = [],
        template = 'template-clash',
        type = 'container',
        at = Date.now(),
      },
    ) {
      const ticket = {
        _id: nextId('ticket'),
        type: template,
        title,
        number,
        properties: {
          Owner: owner,
          Assignees: assignees,
          Status: 'Open',
          'Created at': at,
          'Updated at': at,
        },
        modules: {},
      };
      records.addTicket(place, type, ticket);
      emitModelEvent(place, `${type}NewTicket`, structuredClone(ticket));
      return ticket._id;
    },
    assignTicket(place, ticketId, assignees, at = Date.now()) {
      records.updateTicket(ticketId, { Assignees: assignees, 'Updated at': at });
      // Only the changes' new values: `Updated at` is left out of them (models/tickets.js).
      emitModelEvent(place, 'containerUpdateTicket', {
        _id: ticketId,
        properties: { Assignees: assignees },
      });
    },
    commentOnTicket(place, ticketId, author, message, at = Date.now()) {
      const comment = {
        _id: nextId('comment'),
        ticket: ticketId,
        author,
        message,
        createdAt: at,
        updatedAt: at,
      };
      records.addComment(place, 'container', comment);
      emitModelEvent(place, 'containerNewTicketComment', { ...comment });
      return comment._id;
    },
    newContainer(teamspace, project, name) {
      const _id = nextId('container');
      emitProjectEvent(teamspace, project, 'newContainer', { _id, name, type: 'Architectural' });
      return _id;
    },
  };
}
