// When "Test connection" may be answered by the running connection, and what it then says.
import { expect, it } from 'vitest';
import type { Account } from '../../app/core/settings/accounts.js';
import { STORED_SECRET } from '../../app/desktop/account-secrets.js';
import { liveAnswer, runsTheSame } from '../../app/desktop/live-connection-answer.js';

const running = {
  id: 'chat',
  type: 'dino',
  broker: 'mqtts://broker.example:8883',
  userId: '5201',
  topic: 'dms/prod/5201',
  auth: { username: '5201', password: 'secret-5201' },
} as Account;

it('the same account in another key order, or with a field left undefined, runs the same', () => {
  const reordered = {
    auth: { password: 'secret-5201', username: '5201' },
    topic: 'dms/prod/5201',
    userId: '5201',
    broker: 'mqtts://broker.example:8883',
    type: 'dino',
    id: 'chat',
    name: undefined,
  } as unknown as Account;
  expect(runsTheSame(reordered, running)).toBe(true);
});

it('any changed field, a changed secret, or nothing running is not the same', () => {
  const changed: Account[] = [
    { ...running, topic: 'dms/prod/5202' } as Account,
    { ...running, name: 'Chat' },
    { ...running, auth: { username: '5201', password: 'typed-anew' } } as Account,
    // A stored secret that went missing stays the placeholder: not what runs.
    { ...running, auth: { username: '5201', password: STORED_SECRET } } as Account,
    { ...running, enabled: false },
  ];
  for (const form of changed) expect(runsTheSame(form, running)).toBe(false);
  expect(runsTheSame(running, undefined)).toBe(false);
});

it('online: the running connection answers with its time and its parts, in Dino words', () => {
  const since = Date.UTC(2026, 11, 2, 14, 2);
  const details = {
    'dms/prod/5201': 'subscribed',
    'dms/prod/irc': 'subscribed at QoS 0: events sent while offline are lost',
    'unreadable events': '2 kept in history only',
  };
  const answer = liveAnswer(
    { account: 'chat', state: 'online', since, details },
    { locale: 'en-GB', timeZone: 'UTC', relativeTo: since + 60_000 },
    running,
  );
  expect(answer).toEqual({
    ok: true,
    message:
      'Connected and signed in (the running connection, online since 14:02; Direct messages (dms/prod/5201): ready; ' +
      'Shared topic dms/prod/irc: ready, but messages sent while Tidings is offline are lost; unreadable events: 2 kept in history only).',
  });
});

it('not online: the running connection does not answer', () => {
  for (const state of ['connecting', 'reconnecting', 'auth-failed', 'offline'] as const)
    expect(liveAnswer({ account: 'chat', state, since: 0 }, {})).toBeUndefined();
});
