// What Tidings did with an event, in two parts: the outcome in a word or two ("Notified", "Held
// back") and why, in a sentence that says more than the outcome.
import { dateTime } from './time-zone.js';

/** @type {Record<string, [outcome: string, why: string]>} */
export const DECISIONS = {
  shown: ['Notified', 'Nothing you set held it back.'],
  'own message': ['Not notified', 'You sent it yourself.'],
  'too old': [
    'Not notified',
    'It was older than a day when it arrived (caught up after an outage).',
  ],
  'history only': ['Kept in history', 'It records a change, not something to read.'],
  'muted room': ['Not notified', 'The room is muted'],
  'muted account': ['Not notified', 'The account is muted'],
  'level none': ['Not notified', 'Its room or account is set to Nothing.'],
  'mentions only': ['Not notified', 'Set to mentions and direct messages, and it was neither.'],
  'do not disturb': ['Held back', 'Do not disturb was on'],
  'system do-not-disturb': ['Held back', 'The system’s do not disturb was on'],
  'quiet hours': ['Held back', 'It came during quiet hours.'],
  updated: [
    'Updated',
    'It changed a notification already shown (an edit, or more messages folded in).',
  ],
  retracted: ['Withdrawn', 'It was deleted or read elsewhere, so its notification was taken away.'],
  read: ['Marked read', 'It was read elsewhere; its unread count was cleared.'],
  unchanged: ['No change', 'It repeated what was already shown.'],
  failed: ['Failed', 'The system did not show the notification'],
};

/** The decision filter's choices: value, words. */
export const DECISION_CHOICES = Object.entries(DECISIONS).map(
  ([code, [outcome, why]]) =>
    /** @type {[string, string]} */ ([code, `${outcome}: ${why.replace(/\.$/, '').toLowerCase()}`]),
);

/**
 * @param {string} decision
 * @param {string} reason "muted room: until 2026-…", as the pipeline words it
 */
export function decisionWords(decision, reason) {
  const [outcome, why] = DECISIONS[decision] ?? [decision, ''];
  const detail = reason.startsWith(`${decision}: `)
    ? reason.slice(decision.length + 2)
    : reason === decision
      ? ''
      : reason;
  const until = /^until (\S+)$/.exec(detail);
  const said =
    until?.[1] && !Number.isNaN(Date.parse(until[1]))
      ? `until ${dateTime({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(until[1]))}`
      : detail;
  const sentence = said
    ? `${why.replace(/\.$/, '')} (${said}).`
    : why.endsWith('.')
      ? why
      : `${why}.`;
  return { outcome, why: sentence };
}
