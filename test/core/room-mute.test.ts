// A notification's "Mute 1 hour": that room goes quiet, the rest of the account does not.
import { describe, expect, it } from 'vitest';
import { decide } from '../../app/core/rules/decide.js';
import { muteRoomRules } from '../../app/core/rules/room-mute.js';
import type { Rule } from '../../app/core/settings/notifications.js';
import { makeEvent, makeSettings, T0 } from '../support/events.js';

const UNTIL = new Date(T0 + 3_600_000).toISOString();

describe('muting one room', () => {
  it('quiets that room until the time given, and nothing else of the account', () => {
    const rules = muteRoomRules([], 'work', 'GENERAL', UNTIL);
    const settings = makeSettings({ rules });
    const general = makeEvent({ time: T0 });
    const random = makeEvent({ time: T0, room: { id: 'RANDOM', name: 'random', type: 'channel' } });
    expect(decide(general, settings, T0).reason).toBe(`muted room: until ${UNTIL}`);
    expect(decide(random, settings, T0).decision).toBe('shown');
    expect(decide({ ...general, account: 'home' }, settings, T0).decision).toBe('shown');
    const later = T0 + 3_600_001;
    expect(decide({ ...general, time: later }, settings, later).decision).toBe('shown');
  });

  it("replaces the room's earlier mute and keeps its other settings and other rules", () => {
    const rules: Rule[] = [
      { account: 'work', room: 'GENERAL', level: 'mentions', muteUntil: '2026-01-01T00:00:00Z' },
      { account: 'work', room: 'GENERAL', muteUntil: '2026-01-02T00:00:00Z' },
      { account: 'work', muteUntil: '2026-01-03T00:00:00Z' },
      { account: 'work', room: 'RANDOM', muteUntil: '2026-01-04T00:00:00Z' },
    ];
    expect(muteRoomRules(rules, 'work', 'GENERAL', UNTIL)).toEqual([
      { account: 'work', room: 'GENERAL', level: 'mentions' },
      { account: 'work', muteUntil: '2026-01-03T00:00:00Z' },
      { account: 'work', room: 'RANDOM', muteUntil: '2026-01-04T00:00:00Z' },
      { account: 'work', room: 'GENERAL', muteUntil: UNTIL },
    ]);
  });
});
