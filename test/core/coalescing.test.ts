import { beforeEach, describe, expect, it } from 'vitest';
import type { TidingsEvent } from '../../app/core/events.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { applyDndChoice } from '../../app/core/rules/dnd.js';
import { makeEvent, makeSettings, T0, type NotificationSettingsInput } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingSink } from '../support/recording-sink.js';
import { settle } from '../support/settle.js';

const GENERAL = { id: 'GENERAL', name: 'general', type: 'channel' } as const;
const RANDOM = { id: 'RANDOM', name: 'random', type: 'channel' } as const;
const DM_ALICE = { id: 'DM-alice', name: 'alice', type: 'direct' } as const;

let clock: ManualClock;
let sink: RecordingSink;
let pipeline: Pipeline;

function start(settings: NotificationSettingsInput = {}): void {
  clock = new ManualClock(T0);
  sink = new RecordingSink();
  pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 1000, ...settings }),
    sink,
    clock,
  });
}

/** A message sent now by the clock. */
function message(overrides: Partial<TidingsEvent> = {}): TidingsEvent {
  return makeEvent({ time: clock.now(), ...overrides });
}

beforeEach(() => start());

describe('coalescing bursts per room', () => {
  it('folds 50 messages in one room into one notification that says "50 new messages"', () => {
    for (let i = 1; i <= 50; i++) {
      pipeline.accept(message({ id: `m${i}`, body: `message ${i}` }));
      clock.advance(10);
    }
    // The first shows at once; the rest wait for the window to end.
    expect(sink.shown).toHaveLength(1);
    expect(sink.shown[0]).toMatchObject({
      title: 'bob in #general',
      body: 'message 1',
      count: 1,
    });
    expect(sink.updated).toHaveLength(0);

    clock.advance(1000 - 500);
    expect(sink.shown).toHaveLength(1);
    expect(sink.updated).toHaveLength(1);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: '50 new messages in #general',
      body: 'bob: message 50\nand 49 more from bob',
      count: 50,
      eventId: 'm50',
    });

    // Nothing more arrived: no further updates however long we wait.
    clock.advance(60_000);
    expect(sink.updated).toHaveLength(1);
    expect(sink.visible.size).toBe(1);
  });

  it('records all 50 messages in history as shown and counts them unread', () => {
    for (let i = 1; i <= 50; i++) pipeline.accept(message({ id: `m${i}` }));
    clock.advance(1000);
    const shown = pipeline.history.list({ decision: 'shown' });
    expect(shown).toHaveLength(50);
    expect(shown.map((e) => e.event.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `m${50 - i}`),
    );
    expect(pipeline.unread.get('work', 'GENERAL')).toMatchObject({ count: 50, mentions: 0 });
  });

  it('shows one notification per room for events in three rooms', () => {
    for (let i = 0; i < 4; i++)
      for (const room of [GENERAL, RANDOM, DM_ALICE])
        pipeline.accept(message({ room, title: `bob in ${room.name}` }));
    expect(sink.shown.map((n) => n.room.id)).toEqual(['GENERAL', 'RANDOM', 'DM-alice']);

    clock.advance(1000);
    expect(sink.shown).toHaveLength(3);
    expect(sink.updated.map((n) => n.title).sort()).toEqual([
      '4 new messages in #general',
      '4 new messages in #random',
      '4 new messages in alice',
    ]);
    expect(sink.visible.size).toBe(3);
  });

  it('keeps folding while events keep coming, then shows afresh after a quiet window', () => {
    pipeline.accept(message({ id: 'a' }));
    clock.advance(500);
    pipeline.accept(message({ id: 'b' }));
    clock.advance(500); // window ends at 1000: one update
    expect(sink.updated.map((n) => n.title)).toEqual(['2 new messages in #general']);

    clock.advance(500);
    pipeline.accept(message({ id: 'c' })); // inside the second window
    clock.advance(500);
    expect(sink.shown).toHaveLength(1);
    expect(sink.updated.map((n) => n.title)).toEqual([
      '2 new messages in #general',
      '3 new messages in #general',
    ]);

    clock.advance(1000); // a window with nothing new: the burst is over
    clock.advance(3000);
    pipeline.accept(message({ id: 'd', body: 'back again' }));
    expect(sink.shown).toHaveLength(2);
    expect(sink.shown[1]).toMatchObject({ title: 'bob in #general', body: 'back again', count: 1 });
    expect(sink.visibleFor('work', 'GENERAL')?.count).toBe(1);
  });

  it('says "updates" when a burst mixes kinds, and an event with no body by its title', () => {
    pipeline.accept(message({ kind: 'message-sent' }));
    pipeline.accept(message({ kind: 'user-joined', title: 'carol joined', body: '' }));
    clock.advance(1000);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: '2 updates in #general',
      body: 'carol joined\nand 1 more from bob',
    });
  });

  it('shows every event on its own when coalescing is off', () => {
    start({ coalesceMs: 0 });
    for (let i = 0; i < 3; i++) pipeline.accept(message());
    expect(sink.shown).toHaveLength(3);
    expect(sink.shown.every((n) => n.count === 1)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('edits and deletions', () => {
  it('updates the shown message when it is edited, without a second notification', () => {
    pipeline.accept(message({ id: 'm1', body: 'helo' }));
    clock.advance(5000);
    pipeline.accept(
      message({ kind: 'message-updated', id: 'm1-edit-1', target: 'm1', body: 'hello' }),
    );
    expect(sink.shown).toHaveLength(1);
    expect(sink.updated).toHaveLength(1);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: 'bob in #general',
      body: 'hello',
      count: 1,
    });
    expect(pipeline.history.list({ limit: 1 })[0]).toMatchObject({
      decision: 'updated',
      event: { id: 'm1-edit-1' },
    });
  });

  it('updates the summary when the newest message of a burst is edited', () => {
    pipeline.accept(message({ id: 'm1' }));
    pipeline.accept(message({ id: 'm2', body: 'teh end' }));
    pipeline.accept(message({ kind: 'message-updated', id: 'e2', target: 'm2', body: 'the end' }));
    expect(sink.shown).toHaveLength(1);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: '2 new messages in #general',
      body: 'bob: the end\nand 1 more from bob',
    });
  });

  it('leaves notifications alone for an edit of a message that was not shown', () => {
    pipeline.accept(message({ id: 'm1' }));
    pipeline.accept(message({ kind: 'message-updated', id: 'e9', target: 'm9', body: 'x' }));
    expect(sink.updated).toHaveLength(0);
    expect(sink.shown).toHaveLength(1);
    expect(pipeline.history.list({ limit: 1 })[0]?.decision).toBe('unchanged');
  });

  it('retracts the shown message when it is deleted', () => {
    pipeline.accept(message({ id: 'm1' }));
    clock.advance(2000);
    pipeline.accept(message({ kind: 'message-deleted', id: 'm1-del', target: 'm1', body: '' }));
    expect(sink.retracted.map((n) => n.eventId)).toEqual(['m1']);
    expect(sink.visibleFor('work', 'GENERAL')).toBeUndefined();
    expect(sink.shown).toHaveLength(1);
    expect(pipeline.history.list({ limit: 1 })[0]?.decision).toBe('retracted');
  });

  it('takes a deleted message out of a burst and shows what is left', () => {
    pipeline.accept(message({ id: 'm1', body: 'first' }));
    pipeline.accept(message({ id: 'm2', body: 'second' }));
    pipeline.accept(message({ id: 'm3', body: 'third' }));
    pipeline.accept(message({ kind: 'message-deleted', id: 'd3', target: 'm3', body: '' }));
    expect(sink.retracted).toHaveLength(0);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: '2 new messages in #general',
      body: 'bob: second\nand 1 more from bob',
      count: 2,
    });
  });
});

describe('dedupe, unread counts and reads', () => {
  it('drops a duplicate (same account and id) but not the same id on another account', () => {
    const event = message({ id: 'dup' });
    pipeline.accept(event);
    pipeline.accept({ ...event });
    pipeline.accept({ ...event, account: 'home' });
    expect(sink.shown.map((n) => n.account)).toEqual(['work', 'home']);
    expect(pipeline.history.size).toBe(2);
    expect(pipeline.unread.get('work', 'GENERAL').count).toBe(1);
  });

  it('counts unread messages and mentions per room, not own messages', () => {
    pipeline.accept(message());
    pipeline.accept(message({ mentionsUser: true }));
    pipeline.accept(message({ ownMessage: true }));
    pipeline.accept(message({ room: RANDOM }));
    pipeline.accept(message({ room: DM_ALICE }));
    pipeline.accept(message({ room: RANDOM, kind: 'user-joined' }));
    expect(pipeline.unread.get('work', 'GENERAL')).toMatchObject({ count: 2, mentions: 1 });
    expect(pipeline.unread.get('work', 'RANDOM')).toMatchObject({ count: 1, mentions: 0 });
    expect(pipeline.unread.get('work', 'DM-alice')).toMatchObject({ count: 1, mentions: 1 });
    expect(pipeline.unread.total('work')).toEqual({ count: 4, mentions: 2 });
  });

  it("takes the server's absolute unread counts when it sends them", () => {
    pipeline.accept(message());
    pipeline.accept(
      message({
        kind: 'subscription-unread',
        unread: { count: 7, mentions: 2 },
        historyOnly: 'unread counters',
        body: '',
      }),
    );
    expect(sink.shown).toHaveLength(1);
    expect(pipeline.unread.get('work', 'GENERAL')).toMatchObject({ count: 7, mentions: 2 });
  });

  it('clears the unread count and retracts when the room is read elsewhere', () => {
    pipeline.accept(message());
    pipeline.accept(message());
    pipeline.accept(message({ room: RANDOM }));
    pipeline.accept(message({ kind: 'subscription-read', id: 'read-1', body: '' }));
    expect(pipeline.unread.get('work', 'GENERAL').count).toBe(0);
    expect(pipeline.unread.get('work', 'RANDOM').count).toBe(1);
    expect(sink.retracted.map((n) => n.room.id)).toEqual(['GENERAL']);
    expect(sink.visibleFor('work', 'GENERAL')).toBeUndefined();
    expect(sink.visibleFor('work', 'RANDOM')).toBeDefined();
    expect(pipeline.history.list({ limit: 1 })[0]?.decision).toBe('read');
  });

  it('retracts when the server reports the room has nothing unread (read on another device)', () => {
    pipeline.accept(message());
    pipeline.accept(message({ room: RANDOM }));
    pipeline.accept(
      message({ kind: 'subscription-unread', unread: { count: 0 }, id: 'counts-1', body: '' }),
    );
    expect(sink.visibleFor('work', 'GENERAL')).toBeUndefined();
    expect(sink.visibleFor('work', 'RANDOM')).toBeDefined();
    expect(pipeline.unread.get('work', 'GENERAL').count).toBe(0);
  });

  it('clears and retracts when the user reads a room here', () => {
    pipeline.accept(message());
    pipeline.markRoomRead('work', 'GENERAL');
    expect(pipeline.unread.total()).toEqual({ count: 0, mentions: 0 });
    expect(sink.visible.size).toBe(0);
  });
});

describe('a sink that fails', () => {
  it('records a sink that throws in history as failed', () => {
    sink.failOn('show', 'throw', new Error('notification daemon not running'));
    pipeline.accept(message({ id: 'm1', body: 'hello' }));
    const failed = pipeline.history.list({ decision: 'failed' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      reason: 'the system did not show it: notification daemon not running',
      event: { account: 'work', body: 'hello', room: { id: 'GENERAL' } },
    });
    expect(sink.visible.size).toBe(0);
  });

  it('records a sink that rejects in history as failed', async () => {
    sink.failOn('update', 'reject', new Error('D-Bus timeout'));
    pipeline.accept(message());
    pipeline.accept(message());
    clock.advance(1000);
    await settle();
    const failed = pipeline.history.list({ decision: 'failed' });
    expect(failed.map((e) => e.reason)).toEqual(['the system did not show it: D-Bus timeout']);
    expect(failed[0]?.event.title).toBe('2 new messages in #general');
    expect(pipeline.history.list({ decision: 'shown' })).toHaveLength(2);
  });
});

describe('do-not-disturb in the pipeline', () => {
  it('sends events during do-not-disturb to history only', () => {
    start({ dnd: { on: true } });
    for (let i = 0; i < 3; i++) pipeline.accept(message());
    expect(sink.shown).toHaveLength(0);
    expect(pipeline.history.list({ decision: 'do not disturb' })).toHaveLength(3);
    expect(pipeline.unread.get('work', 'GENERAL').count).toBe(3);
  });

  it('shows a summary of what was held back when do-not-disturb is turned off', () => {
    start({ dnd: { on: true, summary: true } });
    pipeline.accept(message());
    pipeline.accept(message({ room: RANDOM }));
    pipeline.accept(message({ room: DM_ALICE }));
    pipeline.accept(message({ ownMessage: true }));
    expect(sink.shown).toHaveLength(0);

    const settings = pipeline.notificationSettings;
    clock.advance(60_000);
    pipeline.setSettings({ ...settings, dnd: applyDndChoice(settings.dnd, 'off', clock.now()) });
    expect(sink.shown).toHaveLength(1);
    expect(sink.shown[0]).toMatchObject({
      title: 'While do-not-disturb was on',
      body: '3 notifications were held back; see History.',
    });

    // The next message shows normally, and turning DND off again shows no second summary.
    pipeline.accept(message({ body: 'after' }));
    pipeline.setSettings(pipeline.notificationSettings);
    expect(sink.shown.map((n) => n.body)).toEqual([
      '3 notifications were held back; see History.',
      'after',
    ]);
  });

  it('shows no summary when the user did not ask for one', () => {
    start({ dnd: { on: true } });
    pipeline.accept(message());
    pipeline.setSettings(makeSettings({ coalesceMs: 1000 }));
    expect(sink.shown).toHaveLength(0);
    pipeline.accept(message({ body: 'after' }));
    expect(sink.shown.map((n) => n.body)).toEqual(['after']);
  });

  it('shows the summary when a timed do-not-disturb runs out, with no event to wake it', () => {
    const until = new Date(T0 + 30 * 60_000).toISOString();
    start({ dnd: { until, summary: true } });
    pipeline.accept(message());
    clock.advance(30 * 60_000 - 1);
    expect(sink.shown).toHaveLength(0);
    clock.advance(1);
    expect(sink.shown.map((n) => n.body)).toEqual(['1 notification was held back; see History.']);
    pipeline.accept(message({ body: 'after' }));
    expect(sink.shown.map((n) => n.body)).toEqual([
      '1 notification was held back; see History.',
      'after',
    ]);
  });
});
