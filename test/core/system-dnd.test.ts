// The system's do-not-disturb in the pipeline: held back like Tidings' own, counted in its
// summary, with the user's two settings (respect it, let mentions through).
import { describe, expect, it } from 'vitest';
import type { TidingsEvent } from '../../app/core/events.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { applyDndChoice } from '../../app/core/rules/dnd.js';
import { decide } from '../../app/core/rules/decide.js';
import type { SystemDndState } from '../../app/core/rules/system-dnd.js';
import { validateSettings } from '../../app/core/settings/validate.js';
import { makeEvent, makeSettings, T0, type NotificationSettingsInput } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingSink } from '../support/recording-sink.js';

const DUNST_PAUSED: SystemDndState = { state: 'on', source: 'dunst is paused' };
const DUNST_RUNNING: SystemDndState = { state: 'off', source: 'dunst' };
const DM_ALICE = { id: 'DM-alice', name: 'alice', type: 'direct' } as const;

function start(settings: NotificationSettingsInput = {}) {
  const clock = new ManualClock(T0);
  const sink = new RecordingSink();
  const pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 0, ...settings }),
    sink,
    clock,
  });
  const message = (overrides: Partial<TidingsEvent> = {}) =>
    makeEvent({ time: clock.now(), ...overrides });
  return { clock, sink, pipeline, message };
}

describe("the system's do-not-disturb in the pipeline", () => {
  it('keeps events in history as "system do-not-disturb" and shows the summary when it ends', () => {
    const { sink, pipeline, message } = start({ dnd: { summary: true } });
    pipeline.setSystemDnd(DUNST_PAUSED);
    pipeline.accept(message({ body: 'one' }));
    pipeline.accept(message({ body: 'two' }));
    expect(sink.shown).toEqual([]);
    const held = pipeline.history.list({ decision: 'system do-not-disturb' });
    expect(held.map((e) => [e.event.body, e.reason])).toEqual([
      ['two', 'system do-not-disturb: dunst is paused'],
      ['one', 'system do-not-disturb: dunst is paused'],
    ]);
    expect(pipeline.unread.get('work', 'GENERAL').count).toBe(2);

    pipeline.setSystemDnd(DUNST_RUNNING);
    expect(sink.shown.map((n) => [n.title, n.body])).toEqual([
      ['While do-not-disturb was on', '2 notifications were held back; see History.'],
    ]);
    pipeline.accept(message({ body: 'after' }));
    expect(sink.shown.map((n) => n.body).at(-1)).toBe('after');
  });

  it('counts what both held back in one summary, shown when the last of them ends', () => {
    const { sink, pipeline, message, clock } = start({ dnd: { on: true, summary: true } });
    pipeline.accept(message());
    pipeline.setSystemDnd(DUNST_PAUSED);
    pipeline.accept(message());
    const settings = pipeline.notificationSettings;
    pipeline.setSettings({ ...settings, dnd: applyDndChoice(settings.dnd, 'off', clock.now()) });
    // Tidings' own is off, the system's still on: nothing yet, and the next one is held too.
    expect(sink.shown).toEqual([]);
    pipeline.accept(message());
    // While both were on, Tidings' own said so first.
    expect(pipeline.history.list({ decision: 'do not disturb' })).toHaveLength(2);
    expect(pipeline.history.list({ decision: 'system do-not-disturb' })).toHaveLength(1);
    pipeline.setSystemDnd({ state: 'unknown' });
    expect(sink.shown.map((n) => n.body)).toEqual(['3 notifications were held back; see History.']);
  });

  it('lets mentions and direct messages through when the user asked for it', () => {
    const { sink, pipeline, message } = start({ dnd: { mentionsThroughSystem: true } });
    pipeline.setSystemDnd(DUNST_PAUSED);
    pipeline.accept(message({ body: 'chatter' }));
    pipeline.accept(message({ body: '@me look', mentionsUser: true }));
    pipeline.accept(message({ body: 'just us', room: DM_ALICE }));
    expect(sink.shown.map((n) => n.body)).toEqual(['@me look', 'just us']);
    expect(pipeline.history.list({ decision: 'system do-not-disturb' })).toHaveLength(1);
  });

  it('notifies as usual when the user does not respect the system switch, and ends it on change', () => {
    const { sink, pipeline, message } = start({ dnd: { summary: true } });
    pipeline.setSystemDnd(DUNST_PAUSED);
    pipeline.accept(message({ body: 'held' }));
    // Turning the setting off is an end of what held it back: the summary shows.
    const settings = pipeline.notificationSettings;
    pipeline.setSettings({ ...settings, dnd: { ...settings.dnd, respectSystem: false } });
    pipeline.accept(message({ body: 'shown' }));
    expect(sink.shown.map((n) => n.body)).toEqual([
      '1 notification was held back; see History.',
      'shown',
    ]);
  });

  it('says nothing about an unknown or off system: the decision is as before', () => {
    const settings = makeSettings();
    const event = makeEvent();
    for (const system of [{ state: 'unknown' }, DUNST_RUNNING] as SystemDndState[])
      expect(decide(event, settings, T0, system)).toEqual(decide(event, settings, T0));
    expect(decide(event, settings, T0, DUNST_PAUSED).decision).toBe('system do-not-disturb');
  });

  it("puts Tidings' own do-not-disturb first, and the system's before quiet hours", () => {
    const event = makeEvent();
    const own = makeSettings({ dnd: { on: true } });
    expect(decide(event, own, T0, DUNST_PAUSED).decision).toBe('do not disturb');
    // T0 is Monday 12:00 UTC.
    const quiet = makeSettings({
      timeZone: 'UTC',
      dnd: { quietHours: [{ days: ['mon'], from: '11:00', to: '13:00' }] },
    });
    expect(decide(event, quiet, T0, DUNST_PAUSED).decision).toBe('system do-not-disturb');
    expect(decide(event, quiet, T0).decision).toBe('quiet hours');
  });
});

describe("the system's do-not-disturb settings", () => {
  it('are absent by default (respected, mentions held too) and say what they expect', () => {
    const defaults = validateSettings({ version: 1 });
    if (!defaults.ok) throw new Error('expected the defaults to pass');
    expect(defaults.settings.notifications.dnd).toEqual({});
    const wrong = validateSettings({
      version: 1,
      notifications: { dnd: { respectSystem: 'yes', mentionsThroughSystem: 1 } },
    });
    if (wrong.ok) throw new Error('expected the settings to be refused');
    expect(wrong.errors.map((e) => [e.field, e.expected])).toEqual([
      ['notifications.dnd.respectSystem', 'expected true or false'],
      ['notifications.dnd.mentionsThroughSystem', 'expected true or false'],
    ]);
  });
});
