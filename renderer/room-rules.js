// Where a level or a mute for an account or one of its rooms lives in the rules list, and the
// words the window says them in. A "place" rule names an account (and maybe a room) and nothing
// else to match: keyword and sender rules are the global list's.
import { dateTime } from './time-zone.js';

/**
 * @typedef {import('../app/core/settings/notifications.js').Rule} Rule
 * @typedef {import('../app/core/settings/notifications.js').NotificationSettings} NotificationSettings
 */

export const LEVEL_WORDS = /** @type {const} */ ({
  all: 'Everything',
  mentions: 'Mentions and direct messages',
  none: 'Nothing',
});

/** Mute choices: minutes from now. */
export const MUTE_FOR = /** @type {const} */ ([
  [60, 'For 1 hour'],
  [8 * 60, 'For 8 hours'],
  [24 * 60, 'For 1 day'],
]);

/** @param {Rule} rule */
export const isPlaceRule = (rule) =>
  rule.account !== undefined && rule.keywords === undefined && rule.senders === undefined;

/**
 * @param {readonly Rule[]} rules
 * @param {string} account
 * @param {string | undefined} room
 */
export function placeRule(rules, account, room) {
  return rules.find((r) => isPlaceRule(r) && r.account === account && r.room === room);
}

/**
 * The rules with the place rule for `account`/`room` changed by `change`; a rule left with
 * nothing to say goes.
 * @param {readonly Rule[]} rules
 * @param {string} account
 * @param {string | undefined} room
 * @param {(rule: Rule) => Rule} change
 * @returns {Rule[]}
 */
export function withPlaceRule(rules, account, room, change) {
  const existing = placeRule(rules, account, room);
  const changed = change({ ...(existing ?? { account, ...(room !== undefined && { room }) }) });
  const empty = changed.level === undefined && changed.muteUntil === undefined;
  if (!existing) return empty ? [...rules] : [...rules, changed];
  return rules.flatMap((r) => (r === existing ? (empty ? [] : [changed]) : [r]));
}

/**
 * @param {Rule} rule
 * @param {string | undefined} level
 */
export function setLevel(rule, level) {
  const { level: _old, ...rest } = rule;
  return /** @type {Rule} */ (level ? { ...rest, level } : rest);
}

/**
 * @param {Rule} rule
 * @param {string | undefined} until ISO time
 */
export function setMute(rule, until) {
  const { muteUntil: _old, ...rest } = rule;
  return /** @type {Rule} */ (until ? { ...rest, muteUntil: until } : rest);
}

/** A time in the user's own format: "Tue 18:00", or with the date when not today. */
/** @param {string | number} time @param {number} [now] */
export function localTime(time, now = Date.now()) {
  const date = new Date(time);
  const day = dateTime({ year: 'numeric', month: 'numeric', day: 'numeric' });
  const sameDay = day.format(now) === day.format(date);
  return dateTime(
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
}

/** @param {Rule | undefined} rule @param {number} now */
export function mutedUntil(rule, now) {
  return rule?.muteUntil && Date.parse(rule.muteUntil) > now ? rule.muteUntil : undefined;
}
