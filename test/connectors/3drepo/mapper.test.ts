// Every event family of the chat service, as the user reads it: text, mention, own, link.
// Payload shapes follow §4–§6 of the protocol notes (the envelope, v5 events, v4 events).
import { describe, expect, it } from 'vitest';
import type { MapContext } from '../../../app/connectors/3drepo/event.js';
import { learnFrom } from '../../../app/connectors/3drepo/learn.js';
import { Links } from '../../../app/connectors/3drepo/links.js';
import { mapThreeDRepoEvent } from '../../../app/connectors/3drepo/mapper.js';
import { Memory } from '../../../app/connectors/3drepo/memory.js';
import { roomSpecs } from '../../../app/connectors/3drepo/rooms.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import { T0 } from '../../support/events.js';
import { ALICE, HARBOUR_ROOM, PROJECT, TOWER, TOWER_ROOM } from './world.js';

const SITE = 'https://www.3drepo.io';
const VIEWER = `${SITE}/v5/viewer/acme/${PROJECT}/${TOWER.model}`;
const TICKETS = `${SITE}/v5/dashboard/acme/${PROJECT}/t/tickets`;

function mapper(username: string | undefined = ALICE) {
  const rooms = roomSpecs({ rooms: [{ notifications: true }, TOWER_ROOM, HARBOUR_ROOM] });
  const memory = new Memory();
  const context: MapContext = {
    account: 'models',
    username,
    links: new Links(`${SITE}/`),
    receivedAt: T0,
    room: (key) => rooms.find((spec) => spec.key === key),
    modelSpec: (teamspace, model) =>
      rooms.find(
        (s) =>
          'model' in s.request && s.request.teamspace === teamspace && s.request.model === model,
      ),
    recall: memory,
  };
  return (event: string, payload: unknown): TidingsEvent[] => {
    learnFrom(event, payload, memory);
    return mapThreeDRepoEvent(event, payload, context);
  };
}

/** The v5 model-room envelope. */
const envelope = (data: object, place = TOWER) => ({ ...place, data });

const one = (events: TidingsEvent[]) => {
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('model settings and imports', () => {
  it.each(['queued', 'processing', 'Generating Bundles'])('status %s: history only', (status) => {
    const event = one(mapper()('containerSettingsUpdate', envelope({ status })));
    expect(event).toMatchObject({ kind: 'model-imported', historyOnly: `import ${status}` });
  });

  it('ok: "Import finished" (the title names the model), linking the model', () => {
    const event = one(
      mapper()(
        'containerSettingsUpdate',
        envelope({ status: 'ok', timestamp: '2026-01-05T11:59:00.000Z' }),
      ),
    );
    expect(event).toMatchObject({
      kind: 'model-imported',
      title: 'Tower',
      body: 'Import finished',
      url: VIEWER,
      time: Date.parse('2026-01-05T11:59:00.000Z'),
      mentionsUser: false,
    });
    expect(event.historyOnly).toBeUndefined();
  });

  it('failed: "Import failed: …" with the reason', () => {
    const event = one(
      mapper()(
        'federationSettingsUpdate',
        envelope({
          status: 'failed',
          errorReason: { message: 'Unsupported file', timestamp: T0, errorCode: 14 },
        }),
      ),
    );
    expect(event).toMatchObject({
      kind: 'model-import-failed',
      body: 'Import failed: Unsupported file',
    });
  });

  it('a rename is history, and names the model from then on', () => {
    const map = mapper();
    const place = { ...TOWER, model: 'unconfigured' };
    expect(one(map('containerSettingsUpdate', envelope({ name: 'Annex' }, place)))).toMatchObject({
      kind: 'room-name-changed',
      historyOnly: 'model settings changed',
    });
    expect(one(map('containerSettingsUpdate', envelope({ status: 'ok' }, place))).body).toBe(
      'Import finished',
    );
  });
});

describe('revisions and removals', () => {
  it('"New revision v3 by alice" links the revision in the viewer', () => {
    const event = one(
      mapper('carol')(
        'containerNewRevision',
        envelope({ _id: 'rev-1', tag: 'v3', author: ALICE, timestamp: T0 - 1000 }),
      ),
    );
    expect(event).toMatchObject({
      kind: 'model-revision-added',
      title: 'Tower',
      body: 'New revision v3 by alice',
      author: { id: ALICE },
      url: `${VIEWER}/rev-1`,
      time: T0 - 1000,
      ownMessage: false,
    });
  });

  it("the user's own revision is marked own (it never notifies)", () => {
    const event = one(
      mapper()('containerNewRevision', envelope({ _id: 'r', tag: 'v4', author: ALICE })),
    );
    expect(event.ownMessage).toBe(true);
  });

  it('the flat envelope of one server version reads the same', () => {
    const event = one(
      mapper('x')('containerNewRevision', { ...TOWER, _id: 'r2', tag: 'v5', author: 'bob' }),
    );
    expect(event.body).toBe('New revision v5 by bob');
  });

  it('a drawing revision links the drawings list', () => {
    const event = one(
      mapper()('drawingNewRevision', envelope({ _id: 'd1', revCode: 'C01', author: 'bob' })),
    );
    expect(event).toMatchObject({
      body: 'New drawing revision C01 by bob',
      url: `${SITE}/v5/dashboard/acme/${PROJECT}/t/drawings`,
    });
    // The title names it; the body says it is a drawing.
    expect(one(mapper()('drawingSettingsUpdate', envelope({ status: 'ok' }))).body).toBe(
      'Drawing import finished',
    );
  });

  it('a voided revision, and a removed model', () => {
    const map = mapper();
    expect(one(map('containerRevisionUpdate', envelope({ _id: 'rev-1', void: true }))).body).toBe(
      'Revision rev-1 was voided',
    );
    expect(one(map('federationRemoved', envelope({})))).toMatchObject({
      kind: 'model-removed',
      body: 'Federation removed',
      url: `${SITE}/v5/dashboard/acme/${PROJECT}/t/federations`,
    });
  });
});

describe('tickets, comments and groups', () => {
  const ticket = {
    _id: 'ticket-12',
    type: 'template-clash',
    title: 'Clash at level 3',
    number: 12,
    properties: { Owner: 'bob', Assignees: [], Status: 'Open' },
    modules: {},
  };

  it('a new ticket links the ticket under its template', () => {
    const event = one(mapper()('containerNewTicket', envelope(ticket)));
    expect(event).toMatchObject({
      kind: 'ticket-created',
      body: "New ticket #12 'Clash at level 3' by bob",
      url: `${TICKETS}/template-clash/ticket-12`,
      mentionsUser: false,
    });
  });

  it('assigned to the user: "Ticket #12 \'Clash at level 3\' assigned to you", a mention', () => {
    const map = mapper();
    map('containerNewTicket', envelope(ticket));
    const event = one(
      map(
        'containerUpdateTicket',
        envelope({ _id: 'ticket-12', properties: { Assignees: [ALICE] } }),
      ),
    );
    expect(event).toMatchObject({
      kind: 'ticket-assigned',
      body: "Ticket #12 'Clash at level 3' assigned to you",
      mentionsUser: true,
      url: `${TICKETS}/template-clash/ticket-12`,
    });
  });

  it('assigned to someone else, closed, or otherwise changed: no mention', () => {
    const map = mapper();
    map('federationNewTicket', envelope(ticket));
    const update = (properties: object) =>
      one(map('federationUpdateTicket', envelope({ _id: 'ticket-12', properties })));
    expect(update({ Assignees: ['bob'] })).toMatchObject({
      kind: 'ticket-updated',
      body: "Ticket #12 'Clash at level 3' updated: Assignees",
      mentionsUser: false,
    });
    expect(update({ Status: 'Closed' })).toMatchObject({
      kind: 'ticket-closed',
      body: "Ticket #12 'Clash at level 3' is now Closed",
    });
  });

  it('a comment that names @alice is a mention; one that does not is not', () => {
    const map = mapper();
    map('containerNewTicket', envelope(ticket));
    const comment = (message: string) =>
      one(
        map(
          'containerNewTicketComment',
          envelope({
            _id: `c-${message.length}`,
            ticket: 'ticket-12',
            author: 'bob',
            message,
            createdAt: T0,
          }),
        ),
      );
    expect(comment('@alice can you check the beam?')).toMatchObject({
      kind: 'ticket-comment-added',
      body: "bob commented on ticket #12 'Clash at level 3': @alice can you check the beam?",
      mentionsUser: true,
      url: `${TICKETS}/template-clash/ticket-12`,
    });
    expect(comment('email alice@example.com or @alicent').mentionsUser).toBe(false);
  });

  it('edited comments and ticket groups go to history', () => {
    const map = mapper();
    map('containerNewTicket', envelope(ticket));
    expect(
      one(
        map(
          'containerUpdateTicketComment',
          envelope({ _id: 'c1', ticket: 'ticket-12', message: 'x' }),
        ),
      ),
    ).toMatchObject({ kind: 'ticket-comment-updated', historyOnly: 'comment edited' });
    expect(
      one(
        map(
          'containerUpdateTicketGroup',
          envelope({ _id: 'g1', ticket: 'ticket-12', name: 'Walls' }),
        ),
      ),
    ).toMatchObject({
      body: "Group 'Walls' of ticket #12 'Clash at level 3' changed",
      historyOnly: 'ticket group changed',
    });
  });
});

describe('project rooms', () => {
  it('a new container in Harbour links it in the viewer', () => {
    const event = one(
      mapper()('newContainer', {
        teamspace: 'acme',
        project: PROJECT,
        data: { _id: 'c-9', name: 'Annex' },
      }),
    );
    expect(event).toMatchObject({
      kind: 'model-created',
      title: 'Harbour',
      body: 'New container Annex',
      url: `${SITE}/v5/viewer/acme/${PROJECT}/c-9`,
      room: { type: 'project', name: 'Harbour' },
    });
  });
});

describe('the notification room (v4)', () => {
  const notification = (type: string, fields: object) => ({
    _id: `n-${type}`,
    type,
    read: false,
    timestamp: T0,
    teamSpace: 'acme',
    modelId: TOWER.model,
    modelName: 'Tower',
    federation: false,
    project: PROJECT,
    ...fields,
  });

  it.each([
    [
      'ISSUE_ASSIGNED',
      { issuesId: ['i1', 'i2'] },
      'ticket-assigned',
      '2 issues assigned to you',
      true,
    ],
    ['ISSUE_CLOSED', { issuesId: ['i1'] }, 'ticket-closed', 'An issue closed', false],
    [
      'MODEL_UPDATED',
      { revisions: ['v3'] },
      'model-imported',
      'Model updated (revision v3)',
      false,
    ],
    [
      'MODEL_UPDATED_FAILED',
      { errorMessage: 'Bad file' },
      'model-import-failed',
      'Import failed: Bad file',
      false,
    ],
    [
      'USER_REFERENCED',
      { referrer: 'bob', issueId: 'i1' },
      'user-referenced',
      'bob mentioned you in an issue',
      true,
    ],
  ])('%s', (type, fields, kind, body, mention) => {
    const event = one(mapper()(`${ALICE}::notificationUpserted`, notification(type, fields)));
    expect(event).toMatchObject({
      kind,
      body,
      mentionsUser: mention,
      title: 'Tower (acme)',
      url: VIEWER,
      room: { id: 'notifications', type: 'user' },
    });
  });

  it('notificationDeleted names the shown notification as its target', () => {
    const map = mapper();
    const shown = one(map(`${ALICE}::notificationUpserted`, notification('ISSUE_CLOSED', {})));
    const deleted = one(map(`${ALICE}::notificationDeleted`, { _id: 'n-ISSUE_CLOSED' }));
    expect(deleted).toMatchObject({ kind: 'message-deleted', target: shown.id, room: shown.room });
  });
});

describe('v4 issue, risk and comment events', () => {
  it('issueCreated in a batch, issueUpdated closed, riskCreated, commentCreated', () => {
    const map = mapper();
    const prefix = `acme::${TOWER.model}`;
    const created = map(`${prefix}::issueCreated`, [
      { _id: 'i1', number: 7, name: 'Door clash', owner: 'bob', created: T0 },
    ]);
    expect(one(created)).toMatchObject({
      kind: 'ticket-created',
      body: "New issue #7 'Door clash' by bob",
      title: 'Tower',
      url: VIEWER,
    });
    expect(
      one(map(`${prefix}::issueUpdated`, { _id: 'i1', number: 7, status: 'closed' })).kind,
    ).toBe('ticket-closed');
    expect(
      one(map(`${prefix}::riskCreated`, { _id: 'r1', name: 'Crane', owner: 'bob' })).body,
    ).toBe("New risk 'Crane' by bob");
    expect(
      one(
        map(`${prefix}::i1::commentCreated`, { guid: 'g1', owner: 'bob', comment: 'hey @alice' }),
      ),
    ).toMatchObject({
      kind: 'ticket-comment-added',
      body: 'bob commented: hey @alice',
      mentionsUser: true,
    });
    expect(one(map(`${prefix}::viewCreated`, { _id: 'v' }))).toMatchObject({
      historyOnly: 'v4 viewCreated',
    });
  });
});

describe('bad input', () => {
  it.each([
    ['containerNewRevision', 'not an object'],
    ['somethingNew', { a: 1 }],
    ['containerNewRevision', { teamspace: 'acme' }],
  ])('%s with %j: an unknown event kept in history, never a throw', (event, payload) => {
    expect(one(mapper()(event, payload))).toMatchObject({
      kind: 'unknown',
      historyOnly: 'unknown event',
    });
  });
});
