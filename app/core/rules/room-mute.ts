import type { Rule } from '../settings/notifications.js';

/** A rule for this one room that mutes it. */
const mutesRoom = (rule: Rule, account: string, room: string) =>
  rule.account === account && rule.room === room && rule.muteUntil !== undefined;

/**
 * The rules with one room muted until `until` (an ISO time): a notification's "Mute 1 hour".
 * An earlier mute of the room is replaced; a rule for the room that also sets a level, keywords
 * or senders keeps them.
 */
export function muteRoomRules(
  rules: readonly Rule[],
  account: string,
  room: string,
  until: string,
): Rule[] {
  const kept = rules.flatMap((rule) => {
    if (!mutesRoom(rule, account, room)) return [rule];
    const { muteUntil: _muteUntil, ...rest } = rule;
    return Object.keys(rest).some((key) => key !== 'account' && key !== 'room') ? [rest] : [];
  });
  return [...kept, { account, room, muteUntil: until }];
}
