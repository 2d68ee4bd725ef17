import { describe, expect, it } from 'vitest';
import {
  accountMutedUntil,
  muteAccountRules,
  unmuteAccountRules,
} from '../../app/core/rules/account-mute.js';
import type { Rule } from '../../app/core/settings/notifications.js';

const NOW = Date.parse('2026-01-05T12:00:00Z');

describe('muting a whole account', () => {
  it('is muted until the latest mute that has not ended', () => {
    const rules: Rule[] = [
      { account: 'work', muteUntil: '2026-01-05T11:00:00Z' },
      { account: 'work', muteUntil: '2026-01-05T14:30:00Z' },
      { account: 'work', room: 'general', muteUntil: '2026-01-09T00:00:00Z' },
      { muteUntil: '2026-01-09T00:00:00Z' },
      { account: 'other', muteUntil: '2026-01-09T00:00:00Z' },
    ];
    expect(accountMutedUntil(rules, 'work', NOW)).toBe(Date.parse('2026-01-05T14:30:00Z'));
    expect(accountMutedUntil(rules.slice(0, 1), 'work', NOW)).toBeUndefined();
    expect(accountMutedUntil([], 'work', NOW)).toBeUndefined();
  });

  it('mute replaces an earlier mute; unmute takes it off and keeps everything else', () => {
    const rules: Rule[] = [
      {
        account: 'work',
        level: 'mentions',
        keywords: ['deploy'],
        muteUntil: '2026-01-05T13:00:00Z',
      },
      { account: 'work', room: 'general', muteUntil: '2026-01-09T00:00:00Z' },
      { account: 'other', senders: ['5678'] },
    ];
    const muted = muteAccountRules(rules, 'work', '2026-01-05T15:00:00.000Z');
    expect(muted).toEqual([
      { account: 'work', level: 'mentions', keywords: ['deploy'] },
      { account: 'work', room: 'general', muteUntil: '2026-01-09T00:00:00Z' },
      { account: 'other', senders: ['5678'] },
      { account: 'work', muteUntil: '2026-01-05T15:00:00.000Z' },
    ]);
    expect(unmuteAccountRules(muted, 'work')).toEqual([
      { account: 'work', level: 'mentions', keywords: ['deploy'] },
      { account: 'work', room: 'general', muteUntil: '2026-01-09T00:00:00Z' },
      { account: 'other', senders: ['5678'] },
    ]);
  });
});
