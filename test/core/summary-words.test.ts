// What a folded notification says: the room and how many in the title, who and what once in
// the body, each source's own noun.
import { describe, expect, it } from 'vitest';
import type { EventRoom } from '../../app/core/events.js';
import { summaryBody, summaryTitle, type SummaryItem } from '../../app/core/pipeline/summary.js';

const general: EventRoom = { id: 'GENERAL', name: 'general', type: 'channel' };
const tower: EventRoom = { id: 'tower', name: 'Tower', type: 'model' };
const message = (author: string, body: string): SummaryItem => ({
  kind: 'message-sent',
  title: `${author} in #general`,
  body,
  author,
});

describe('summaryTitle', () => {
  it("names the room once, with its source's noun", () => {
    expect(summaryTitle(3, general, ['message-sent', 'message-sent'])).toBe(
      '3 new messages in #general',
    );
    expect(summaryTitle(2, tower, ['ticket-created', 'ticket-created'])).toBe(
      '2 new tickets in Tower',
    );
    expect(summaryTitle(2, tower, ['ticket-created', 'ticket-comment-added'])).toBe(
      '2 ticket updates in Tower',
    );
    expect(summaryTitle(2, tower, ['model-revision-added', 'ticket-created'])).toBe(
      '2 updates in Tower',
    );
    const orders: EventRoom = { id: 'o', name: 'shop/orders', type: 'collection' };
    expect(summaryTitle(4, orders, ['document-created', 'document-updated'])).toBe(
      '4 changes in shop/orders',
    );
  });
});

describe('summaryBody', () => {
  it('says who and what of the newest, then how many more and from whom, never the room', () => {
    const earlier = [message('bob', 'hi'), message('dave', 'yo'), message('bob', 'lunch?')];
    const newest = message('carol', 'are we still on for 3?');
    expect(summaryBody(newest, earlier, 4, general)).toBe(
      'carol: are we still on for 3?\nand 3 more from bob, dave',
    );
  });

  it('counts past what it remembers and lists at most three names', () => {
    const earlier = ['ann', 'bob', 'cy', 'dee'].map((who) => message(who, 'x'));
    expect(summaryBody(message('eve', 'last'), earlier, 250, general)).toBe(
      'eve: last\nand 249 more from dee, cy, bob and others',
    );
  });

  it('leaves out a title that is only the room, and a name the body says already', () => {
    const ticket = (body: string, author?: string): SummaryItem => ({
      kind: 'ticket-created',
      title: 'Tower',
      body,
      author,
    });
    expect(summaryBody(ticket('Ticket #12 assigned to you'), [ticket('x')], 2, tower)).toBe(
      'Ticket #12 assigned to you\nand 1 more',
    );
    expect(
      summaryBody(ticket("New ticket #3 'Leak' by bob", 'bob'), [ticket('x', 'carol')], 2, tower),
    ).toBe("New ticket #3 'Leak' by bob\nand 1 more from carol");
  });

  it('names a titled item by its title when it has no author (ntfy, Gotify)', () => {
    const backups: EventRoom = { id: 'backups', name: 'backups', type: 'channel' };
    const alert: SummaryItem = {
      kind: 'message-sent',
      title: 'Backup failed',
      body: 'disk full',
      author: 'backups',
    };
    expect(summaryBody(alert, [alert], 2, backups)).toBe('Backup failed: disk full\nand 1 more');
  });
});
