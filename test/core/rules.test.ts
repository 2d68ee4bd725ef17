import { describe, expect, it } from 'vitest';
import type { TidingsEvent } from '../../app/core/events.js';
import { decide, type Decision } from '../../app/core/rules/decide.js';
import { applyDndChoice, type DndChoice } from '../../app/core/rules/dnd.js';
import type { Dnd } from '../../app/core/settings/notifications.js';
import { makeEvent, makeSettings, type NotificationSettingsInput } from '../support/events.js';

/** Wednesday 2026-01-07 12:00 UTC (13:00 in Berlin). */
const NOW = Date.UTC(2026, 0, 7, 12, 0, 0);
const HOUR = 60 * 60_000;
const BERLIN = 'Europe/Berlin';

interface Row {
  name: string;
  settings?: NotificationSettingsInput;
  event?: Partial<TidingsEvent>;
  /** When the rules run (ISO or ms); the event was sent then unless `event.time` says otherwise. */
  at?: string | number;
  decision: Decision;
  reason?: string;
  mention?: boolean;
}

function run(row: Row) {
  const now = row.at === undefined ? NOW : typeof row.at === 'string' ? Date.parse(row.at) : row.at;
  return decide(makeEvent({ time: now, ...row.event }), makeSettings(row.settings), now);
}

function check(row: Row): void {
  const verdict = run(row);
  expect(verdict.decision).toBe(row.decision);
  if (row.reason !== undefined) expect(verdict.reason).toBe(row.reason);
  if (row.mention !== undefined) expect(verdict.mention).toBe(row.mention);
}

const mention: Partial<TidingsEvent> = { mentionsUser: true };
const otherRoom: Partial<TidingsEvent> = {
  room: { id: 'RANDOM', name: 'random', type: 'channel' },
};

describe('levels: room → account → global', () => {
  const rows: Row[] = [
    { name: 'global all shows a plain message', settings: { level: 'all' }, decision: 'shown' },
    {
      name: 'global mentions holds a plain message back',
      settings: { level: 'mentions' },
      decision: 'mentions only',
      reason: 'mentions only',
      mention: false,
    },
    {
      name: 'global mentions shows a mention',
      settings: { level: 'mentions' },
      event: mention,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'global none holds back even a mention',
      settings: { level: 'none' },
      event: mention,
      decision: 'level none',
    },
    {
      name: 'account mentions beats global all',
      settings: { level: 'all', rules: [{ account: 'work', level: 'mentions' }] },
      decision: 'mentions only',
    },
    {
      name: 'account all beats global none',
      settings: { level: 'none', rules: [{ account: 'work', level: 'all' }] },
      decision: 'shown',
    },
    {
      name: 'account none beats global all',
      settings: { level: 'all', rules: [{ account: 'work', level: 'none' }] },
      decision: 'level none',
    },
    {
      name: "another account's rule does not apply",
      settings: { level: 'all', rules: [{ account: 'home', level: 'none' }] },
      decision: 'shown',
    },
    {
      name: 'room all beats account none and global none',
      settings: {
        level: 'none',
        rules: [
          { account: 'work', level: 'none' },
          { account: 'work', room: 'GENERAL', level: 'all' },
        ],
      },
      decision: 'shown',
    },
    {
      name: 'room none beats account all (rule order does not matter)',
      settings: {
        level: 'all',
        rules: [
          { account: 'work', level: 'all' },
          { account: 'work', room: 'GENERAL', level: 'none' },
        ],
      },
      decision: 'level none',
    },
    {
      name: 'room mentions beats account all',
      settings: {
        rules: [
          { account: 'work', room: 'GENERAL', level: 'mentions' },
          { account: 'work', level: 'all' },
        ],
      },
      decision: 'mentions only',
    },
    {
      name: 'a room rule without an account applies to that room id',
      settings: { rules: [{ room: 'GENERAL', level: 'none' }] },
      decision: 'level none',
    },
    {
      name: "a room rule for another account's room of the same id does not apply",
      settings: { rules: [{ account: 'home', room: 'GENERAL', level: 'none' }] },
      decision: 'shown',
    },
    {
      name: 'a rule for another room does not apply',
      settings: { rules: [{ account: 'work', room: 'GENERAL', level: 'none' }] },
      event: otherRoom,
      decision: 'shown',
    },
    {
      name: 'a room rule without a level falls through to the account level',
      settings: {
        rules: [
          { account: 'work', room: 'GENERAL', keywords: ['nothing-matches'] },
          { account: 'work', level: 'mentions' },
        ],
      },
      decision: 'mentions only',
    },
    {
      name: 'a rule naming neither account nor room applies to every account',
      settings: { level: 'all', rules: [{ level: 'mentions' }] },
      event: { account: 'home' },
      decision: 'mentions only',
    },
    {
      name: 'an account rule beats a rule for every account, whatever the order',
      settings: { level: 'all', rules: [{ level: 'none' }, { account: 'work', level: 'all' }] },
      decision: 'shown',
    },
  ];
  it.each(rows)('$name → $decision', check);
});

describe('mutes', () => {
  const rows: Row[] = [
    {
      name: 'room muted until later',
      settings: {
        rules: [{ account: 'work', room: 'GENERAL', muteUntil: '2026-01-07T13:00:00Z' }],
      },
      decision: 'muted room',
      reason: 'muted room: until 2026-01-07T13:00:00Z',
    },
    {
      name: 'room muted until later (offset time) holds back a mention',
      settings: { rules: [{ room: 'GENERAL', muteUntil: '2026-01-07T14:00:00+01:00' }] },
      event: mention,
      decision: 'muted room',
    },
    {
      name: 'room mute that ended',
      settings: {
        rules: [{ account: 'work', room: 'GENERAL', muteUntil: '2026-01-07T11:59:59Z' }],
      },
      decision: 'shown',
    },
    {
      name: 'room mute ending exactly now',
      settings: { rules: [{ room: 'GENERAL', muteUntil: '2026-01-07T12:00:00Z' }] },
      decision: 'shown',
    },
    {
      name: 'room mute does not reach another room',
      settings: { rules: [{ room: 'GENERAL', muteUntil: '2026-01-07T13:00:00Z' }] },
      event: otherRoom,
      decision: 'shown',
    },
    {
      name: 'account muted until later',
      settings: { rules: [{ account: 'work', muteUntil: '2026-01-08T00:00:00Z' }] },
      decision: 'muted account',
      reason: 'muted account: until 2026-01-08T00:00:00Z',
    },
    {
      name: 'account mute that ended',
      settings: { rules: [{ account: 'work', muteUntil: '2026-01-07T11:00:00Z' }] },
      decision: 'shown',
    },
    {
      name: 'account mute does not reach another account',
      settings: { rules: [{ account: 'home', muteUntil: '2026-01-08T00:00:00Z' }] },
      decision: 'shown',
    },
    {
      name: 'room mute is named before an account mute',
      settings: {
        rules: [
          { account: 'work', muteUntil: '2026-01-08T00:00:00Z' },
          { room: 'GENERAL', muteUntil: '2026-01-07T13:00:00Z' },
        ],
      },
      decision: 'muted room',
    },
    {
      name: 'a room level of all does not undo an account mute',
      settings: {
        rules: [
          { account: 'work', muteUntil: '2026-01-08T00:00:00Z' },
          { room: 'GENERAL', level: 'all' },
        ],
      },
      decision: 'muted account',
    },
  ];
  it.each(rows)('$name → $decision', check);
});

describe('keywords, senders and direct rooms raise an event to a mention', () => {
  const deploy: Partial<TidingsEvent> = { body: 'The DEPLOY failed on prod' };
  const fromCarol: Partial<TidingsEvent> = { author: { id: 'u-carol', name: 'carol' } };
  const rows: Row[] = [
    {
      name: 'global keyword, any case',
      settings: { level: 'mentions', keywords: ['deploy'] },
      event: deploy,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'global keyword in the title',
      settings: { level: 'mentions', keywords: ['outage'] },
      event: { title: 'Outage in eu-west' },
      decision: 'shown',
      mention: true,
    },
    {
      name: 'global keyword that is not in the text',
      settings: { level: 'mentions', keywords: ['release'] },
      event: deploy,
      decision: 'mentions only',
      mention: false,
    },
    {
      name: 'account keyword',
      settings: { level: 'mentions', rules: [{ account: 'work', keywords: ['deploy'] }] },
      event: deploy,
      decision: 'shown',
      mention: true,
    },
    {
      name: "another account's keyword",
      settings: { level: 'mentions', rules: [{ account: 'home', keywords: ['deploy'] }] },
      event: deploy,
      decision: 'mentions only',
      mention: false,
    },
    {
      name: 'room keyword under a room level of mentions',
      settings: { rules: [{ room: 'GENERAL', level: 'mentions', keywords: ['deploy'] }] },
      event: deploy,
      decision: 'shown',
      mention: true,
    },
    {
      name: "another room's keyword",
      settings: { level: 'mentions', rules: [{ room: 'RANDOM', keywords: ['deploy'] }] },
      event: deploy,
      decision: 'mentions only',
    },
    {
      name: 'global sender by name',
      settings: { level: 'mentions', senders: ['carol'] },
      event: fromCarol,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'global sender by id',
      settings: { level: 'mentions', senders: ['u-carol'] },
      event: fromCarol,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'global sender who did not write it',
      settings: { level: 'mentions', senders: ['carol'] },
      decision: 'mentions only',
      mention: false,
    },
    {
      name: 'account sender',
      settings: { level: 'mentions', rules: [{ account: 'work', senders: ['carol'] }] },
      event: fromCarol,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'room sender',
      settings: {
        rules: [{ account: 'work', room: 'GENERAL', level: 'mentions', senders: ['carol'] }],
      },
      event: fromCarol,
      decision: 'shown',
      mention: true,
    },
    {
      name: 'a sender rule needs an author',
      settings: { level: 'mentions', senders: ['carol'] },
      event: { author: undefined },
      decision: 'mentions only',
    },
    {
      name: 'a keyword does not beat level none',
      settings: { level: 'none', keywords: ['deploy'] },
      event: deploy,
      decision: 'level none',
      mention: true,
    },
    {
      name: 'a direct message counts as a mention',
      settings: { level: 'mentions' },
      event: { room: { id: 'DM-carol', name: 'carol', type: 'direct' } },
      decision: 'shown',
      mention: true,
    },
    {
      name: 'a group message is not a mention by itself',
      settings: { level: 'mentions' },
      event: { room: { id: 'G1', name: 'team', type: 'group' } },
      decision: 'mentions only',
      mention: false,
    },
  ];
  it.each(rows)('$name → $decision', check);
});

describe('own messages, history-only and old events', () => {
  const rows: Row[] = [
    {
      name: 'own message',
      event: { ownMessage: true },
      decision: 'own message',
      reason: 'own message',
    },
    {
      name: 'own message even in a direct room that mentions me',
      event: { ownMessage: true, mentionsUser: true, room: { id: 'DM', type: 'direct' } },
      decision: 'own message',
    },
    {
      name: 'history only, with the connector’s reason',
      event: { historyOnly: 'status change', kind: 'user-status-changed' },
      decision: 'history only',
      reason: 'history only: status change',
    },
    {
      name: 'an unread counter update that the connector did not mark',
      event: { kind: 'subscription-unread', unread: { count: 4 } },
      decision: 'history only',
      reason: 'history only: a change of state, not news',
    },
    {
      name: 'older than the catch-up window (default one day)',
      event: { time: NOW - 24 * HOUR - 1, catchUp: true },
      decision: 'too old',
    },
    {
      name: 'exactly as old as the catch-up window',
      event: { time: NOW - 24 * HOUR, catchUp: true },
      decision: 'shown',
    },
    {
      name: 'older than a custom window',
      settings: { maxAgeMs: 60_000 },
      event: { time: NOW - 60_001 },
      decision: 'too old',
    },
    {
      name: 'within a custom window',
      settings: { maxAgeMs: 60_000 },
      event: { time: NOW - 59_000 },
      decision: 'shown',
    },
    {
      name: 'too old beats a mention',
      event: { time: NOW - 2 * 24 * HOUR, mentionsUser: true },
      decision: 'too old',
    },
  ];
  it.each(rows)('$name → $decision', check);
});

describe('manual do-not-disturb', () => {
  const rows: Row[] = [
    {
      name: 'switched on until turned off',
      settings: { dnd: { on: true } },
      decision: 'do not disturb',
      reason: 'do not disturb: until turned off',
    },
    {
      name: 'switched on, and a mention is held back too',
      settings: { dnd: { on: true } },
      event: { mentionsUser: true, room: { id: 'DM', type: 'direct' } },
      decision: 'do not disturb',
    },
    {
      name: 'until a later time',
      settings: { dnd: { until: '2026-01-07T12:30:00Z' } },
      decision: 'do not disturb',
      reason: 'do not disturb: until 2026-01-07T12:30:00Z',
    },
    {
      name: 'until a time that has passed',
      settings: { dnd: { until: '2026-01-07T11:30:00Z' } },
      decision: 'shown',
    },
    {
      name: 'a muted room is named before do-not-disturb',
      settings: {
        dnd: { on: true },
        rules: [{ room: 'GENERAL', muteUntil: '2026-01-08T00:00:00Z' }],
      },
      decision: 'muted room',
    },
    {
      name: 'own messages are named before do-not-disturb',
      settings: { dnd: { on: true } },
      event: { ownMessage: true },
      decision: 'own message',
    },
  ];
  it.each(rows)('$name → $decision', check);
});

describe('do-not-disturb durations (applyDndChoice)', () => {
  const wednesdayNight = Date.parse('2026-01-07T21:30:00Z'); // 22:30 in Berlin
  const weekendQuiet = { days: ['sat' as const, 'sun' as const], from: '00:00', to: '23:59' };
  const wednesdayQuiet = { days: ['wed' as const], from: '22:00', to: '07:00' };

  interface DurationRow {
    name: string;
    choice: DndChoice;
    from: Dnd;
    at: number;
    timeZone: string;
    dnd: Dnd;
    /** [when, what the user sees then] */
    checks: [string, Decision][];
  }

  const rows: DurationRow[] = [
    {
      name: '30 minutes',
      choice: '30m',
      from: {},
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { until: '2026-01-07T22:00:00.000Z', choice: '30m' },
      checks: [
        ['2026-01-07T21:59:59Z', 'do not disturb'],
        ['2026-01-07T22:00:00Z', 'shown'],
      ],
    },
    {
      name: '30 minutes replaces "until turned off"',
      choice: '30m',
      from: { on: true, summary: true },
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { summary: true, until: '2026-01-07T22:00:00.000Z', choice: '30m' },
      checks: [['2026-01-07T22:00:00Z', 'shown']],
    },
    {
      name: '1 hour',
      choice: '1h',
      from: { quietHours: [weekendQuiet] },
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { quietHours: [weekendQuiet], until: '2026-01-07T22:30:00.000Z', choice: '1h' },
      checks: [
        ['2026-01-07T22:29:00Z', 'do not disturb'],
        ['2026-01-07T22:30:00Z', 'shown'],
      ],
    },
    {
      name: 'tomorrow morning in Berlin (08:00 CET)',
      choice: 'tomorrow-morning',
      from: {},
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { until: '2026-01-08T07:00:00.000Z', choice: 'tomorrow-morning' },
      checks: [
        ['2026-01-08T06:59:00Z', 'do not disturb'],
        ['2026-01-08T07:00:00Z', 'shown'],
      ],
    },
    {
      name: 'tomorrow morning in New York at the same instant (08:00 EST)',
      choice: 'tomorrow-morning',
      from: {},
      at: wednesdayNight,
      timeZone: 'America/New_York',
      dnd: { until: '2026-01-08T13:00:00.000Z', choice: 'tomorrow-morning' },
      checks: [
        ['2026-01-08T12:59:00Z', 'do not disturb'],
        ['2026-01-08T13:00:00Z', 'shown'],
      ],
    },
    {
      name: 'tomorrow morning across the spring DST change (Sun 08:00 CEST)',
      choice: 'tomorrow-morning',
      from: {},
      at: Date.parse('2026-03-28T21:00:00Z'), // Sat 22:00 CET
      timeZone: BERLIN,
      dnd: { until: '2026-03-29T06:00:00.000Z', choice: 'tomorrow-morning' },
      checks: [
        ['2026-03-29T05:59:00Z', 'do not disturb'],
        ['2026-03-29T06:00:00Z', 'shown'],
      ],
    },
    {
      name: 'tomorrow morning across the autumn DST change (Sun 08:00 CET)',
      choice: 'tomorrow-morning',
      from: {},
      at: Date.parse('2026-10-24T21:00:00Z'), // Sat 23:00 CEST
      timeZone: BERLIN,
      dnd: { until: '2026-10-25T07:00:00.000Z', choice: 'tomorrow-morning' },
      checks: [
        ['2026-10-25T06:59:00Z', 'do not disturb'],
        ['2026-10-25T07:00:00Z', 'shown'],
      ],
    },
    {
      name: 'tomorrow morning chosen at 03:00 means this morning (08:00 CET the same day)',
      choice: 'tomorrow-morning',
      from: {},
      at: Date.parse('2026-01-08T02:00:00Z'), // Thu 03:00 CET
      timeZone: BERLIN,
      dnd: { until: '2026-01-08T07:00:00.000Z', choice: 'tomorrow-morning' },
      checks: [
        ['2026-01-08T06:59:00Z', 'do not disturb'],
        ['2026-01-08T07:00:00Z', 'shown'],
      ],
    },
    {
      name: 'until turned off',
      choice: 'until-off',
      from: { until: '2026-01-07T22:00:00Z', summary: true },
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { on: true, summary: true },
      checks: [
        ['2026-01-07T23:00:00Z', 'do not disturb'],
        ['2026-02-07T12:00:00Z', 'do not disturb'],
      ],
    },
    {
      name: 'off keeps quiet hours and the summary preference',
      choice: 'off',
      from: { on: true, summary: true, quietHours: [wednesdayQuiet] },
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: { summary: true, quietHours: [wednesdayQuiet] },
      checks: [
        ['2026-01-07T21:30:00Z', 'quiet hours'],
        ['2026-01-08T06:00:00Z', 'shown'],
      ],
    },
    {
      name: 'off ends a timed do-not-disturb',
      choice: 'off',
      from: { until: '2026-01-08T07:00:00Z' },
      at: wednesdayNight,
      timeZone: BERLIN,
      dnd: {},
      checks: [['2026-01-07T21:30:00Z', 'shown']],
    },
  ];

  it.each(rows)('$name', ({ choice, from, at, timeZone, dnd, checks }) => {
    const result = applyDndChoice(from, choice, at, timeZone);
    expect(result).toEqual(dnd);
    for (const [when, decision] of checks) {
      const time = Date.parse(when);
      const verdict = decide(makeEvent({ time }), makeSettings({ timeZone, dnd: result }), time);
      expect(verdict.decision, when).toBe(decision);
    }
  });
});

describe('quiet hours (weekly, in the settings time zone)', () => {
  const fridayNight = {
    dnd: { quietHours: [{ days: ['fri'], from: '22:00', to: '07:00' }] },
  } satisfies NotificationSettingsInput;
  const berlinFriday = { timeZone: BERLIN, ...fridayNight } satisfies NotificationSettingsInput;
  const rows: Row[] = [
    {
      name: 'Fri 21:59 Berlin',
      settings: berlinFriday,
      at: '2026-01-09T20:59:00Z',
      decision: 'shown',
    },
    {
      name: 'Fri 22:00 Berlin',
      settings: berlinFriday,
      at: '2026-01-09T21:00:00Z',
      decision: 'quiet hours',
      reason: 'quiet hours',
    },
    {
      name: 'Fri 23:30 Berlin',
      settings: berlinFriday,
      at: '2026-01-09T22:30:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Sat 00:00 Berlin (past midnight)',
      settings: berlinFriday,
      at: '2026-01-09T23:00:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Sat 03:00 Berlin (Saturday not listed)',
      settings: berlinFriday,
      at: '2026-01-10T02:00:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Sat 06:59 Berlin',
      settings: berlinFriday,
      at: '2026-01-10T05:59:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Sat 07:00 Berlin',
      settings: berlinFriday,
      at: '2026-01-10T06:00:00Z',
      decision: 'shown',
    },
    {
      name: 'Sat 23:30 Berlin',
      settings: berlinFriday,
      at: '2026-01-10T22:30:00Z',
      decision: 'shown',
    },
    {
      name: 'Thu 03:00 Berlin',
      settings: berlinFriday,
      at: '2026-01-08T02:00:00Z',
      decision: 'shown',
    },
    {
      name: 'Thu 23:30 Berlin',
      settings: berlinFriday,
      at: '2026-01-08T22:30:00Z',
      decision: 'shown',
    },
    {
      name: 'Fri 21:30 UTC is 22:30 in Berlin',
      settings: berlinFriday,
      at: '2026-01-09T21:30:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Fri 21:30 UTC with the time zone UTC',
      settings: { timeZone: 'UTC', ...fridayNight },
      at: '2026-01-09T21:30:00Z',
      decision: 'shown',
    },
    {
      name: 'Fri 22:30 CEST in summer (UTC+2)',
      settings: berlinFriday,
      at: '2026-07-10T20:30:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'Sat 07:30 CEST in summer (UTC+2)',
      settings: berlinFriday,
      at: '2026-07-11T05:30:00Z',
      decision: 'shown',
    },
    {
      name: 'weeknights: Sat 03:00 belongs to Friday night',
      settings: {
        timeZone: BERLIN,
        dnd: {
          quietHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '07:00' }],
        },
      },
      at: '2026-01-10T02:00:00Z',
      decision: 'quiet hours',
    },
    {
      name: 'weeknights: Mon 03:00 follows Sunday, which is not listed',
      settings: {
        timeZone: BERLIN,
        dnd: {
          quietHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '07:00' }],
        },
      },
      at: '2026-01-12T02:00:00Z',
      decision: 'shown',
    },
    {
      name: 'a daytime window on a listed day (Wed 13:00 Berlin)',
      settings: {
        timeZone: BERLIN,
        dnd: { quietHours: [{ days: ['wed'], from: '12:00', to: '14:00' }] },
      },
      decision: 'quiet hours',
    },
    {
      name: 'a daytime window on a day not listed (Sat 13:00 Berlin)',
      settings: {
        timeZone: BERLIN,
        dnd: { quietHours: [{ days: ['wed'], from: '12:00', to: '14:00' }] },
      },
      at: '2026-01-10T12:00:00Z',
      decision: 'shown',
    },
    {
      name: 'manual do-not-disturb is named before quiet hours',
      settings: { ...berlinFriday, dnd: { ...fridayNight.dnd, on: true } },
      at: '2026-01-09T22:30:00Z',
      decision: 'do not disturb',
    },
    {
      name: 'a room level of none is named before quiet hours',
      settings: { ...berlinFriday, rules: [{ room: 'GENERAL', level: 'none' }] },
      at: '2026-01-09T22:30:00Z',
      decision: 'level none',
    },
  ];
  it.each(rows)('$name → $decision', check);
});
