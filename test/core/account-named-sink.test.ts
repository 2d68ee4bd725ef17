// Two accounts of one kind (work and home Rocket.Chat): "#general" alone is ambiguous, so the
// popup names the account; with one account of a kind it stays as short as it was.
import { describe, expect, it } from 'vitest';
import { accountNamedSink, type NamedAccount } from '../../app/core/account-named-sink.js';
import { ManualClock } from '../support/manual-clock.js';
import { makeEvent, makeSettings } from '../support/events.js';
import { RecordingSink } from '../support/recording-sink.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';

const WORK: NamedAccount = { id: 'work', type: 'rocketchat', name: 'Work' };
const HOME: NamedAccount = { id: 'home', type: 'rocketchat' };
const NTFY: NamedAccount = { id: 'alerts', type: 'ntfy', name: 'Alerts' };

function pipelineWith(accounts: NamedAccount[]) {
  const sink = new RecordingSink();
  const clock = new ManualClock();
  const pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 1000 }),
    sink: accountNamedSink(sink, () => accounts),
    clock,
  });
  const say = (account: string, body: string) =>
    pipeline.accept(makeEvent({ account, body, time: clock.now() }));
  return { sink, clock, pipeline, say };
}

describe('naming the account in a notification', () => {
  it('names it (its name, else its id) where another account is of the same kind', () => {
    const { sink, clock, say } = pipelineWith([WORK, HOME, NTFY]);
    say('work', 'stand-up?');
    say('home', 'dinner?');
    expect(sink.shown.map((n) => n.title)).toEqual([
      'bob in #general · Work',
      'bob in #general · home',
    ]);
    say('work', 'in 5');
    clock.advance(1000);
    expect(sink.visibleFor('work', 'GENERAL')).toMatchObject({
      title: '2 new messages in #general · Work',
      body: 'bob: in 5\nand 1 more from bob',
    });
  });

  it('leaves the title as it is with one account of the kind, and for an unknown account', () => {
    const { sink, say } = pipelineWith([WORK, NTFY]);
    say('work', 'stand-up?');
    say('gone', 'hi');
    expect(sink.shown.map((n) => n.title)).toEqual(['bob in #general', 'bob in #general']);
  });
});
