import type { Rule } from '../settings/notifications.js';

/** A rule for the whole account (no room) that mutes it; rules for every account are not it. */
const mutesAccount = (rule: Rule, account: string) =>
  rule.account === account && rule.room === undefined && rule.muteUntil !== undefined;

/** When the account's mute ends (ms since epoch), if it is muted at `now`. */
export function accountMutedUntil(
  rules: readonly Rule[],
  account: string,
  now: number,
): number | undefined {
  const ends = rules
    .filter((r) => mutesAccount(r, account))
    .map((r) => Date.parse(r.muteUntil!))
    .filter((end) => end > now);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}

/**
 * The rules with the account's mute taken off. Only `muteUntil` goes: a rule that also sets a
 * level, keywords or senders keeps them; one left saying nothing but its account goes.
 */
export function unmuteAccountRules(rules: readonly Rule[], account: string): Rule[] {
  return rules.flatMap((rule) => {
    if (!mutesAccount(rule, account)) return [rule];
    const { muteUntil: _muteUntil, ...kept } = rule;
    return Object.keys(kept).some((key) => key !== 'account') ? [kept] : [];
  });
}

/** The rules with the account muted until `until` (an ISO time), replacing any earlier mute. */
export function muteAccountRules(rules: readonly Rule[], account: string, until: string): Rule[] {
  return [...unmuteAccountRules(rules, account), { account, muteUntil: until }];
}
