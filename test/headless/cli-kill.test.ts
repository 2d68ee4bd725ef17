import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/core/log.js';
import { systemClock } from '../../app/core/clock.js';
import { openState } from '../../app/state/open-state.js';
import { databasePath } from '../../app/state/state-database.js';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { CliProcess } from '../support/cli-process.js';
import { useDinoCli } from '../support/dino-cli-fixture.js';
import { seededRandom } from '../support/seeded-random.js';

const USER = '4321';
const MESSAGES = 600;
const ROUNDS = 10;
const GROUP = '3b0c6a1e-5d4f-4c3a-9e2b-1f0a9d8c7b6a';

const fixture = useDinoCli('kill', USER);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cli = () =>
  new CliProcess(
    ['--config', fixture.config.path, '--state-dir', fixture.stateDir],
    process.env,
    'node',
  );

/** Messages in the state database so far, read beside the running CLI (WAL allows it). */
function messagesStored(): number {
  const db = new DatabaseSync(databasePath(fixture.stateDir), { readOnly: true });
  try {
    const row = db
      .prepare(
        "SELECT count(*) AS n FROM history WHERE json_extract(entry, '$.event.kind') = 'message-sent'",
      )
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function publishAll(): Promise<void> {
  for (let i = 0; i < MESSAGES; i++) {
    await fixture.publish(
      relayedMessage({
        groupId: GROUP,
        groupName: 'Night shift',
        sender: '777',
        senderName: 'bob',
        messageId: `m-${i}`,
        text: `message ${i}`,
      }),
    );
    // Spread over the rounds: each start finds a queue to drain, and more arrive live.
    if (i % 30 === 29) await sleep(400);
  }
}

describe('headless CLI: kill -9 at random points loses nothing and shows nothing twice', () => {
  it(`keeps exactly the ${MESSAGES} QoS 1 messages over ${ROUNDS} SIGKILLs`, async () => {
    // The persistent session and its subscription exist before the first message.
    const first = cli();
    await first.waitForStatus('community', 'online');
    first.kill('SIGTERM');
    await first.exit();

    const random = seededRandom(20261201);
    const shownIds: string[] = [];
    const publishing = publishAll();
    for (let round = 0; round < ROUNDS; round++) {
      const victim = cli();
      // Mostly while the queue drains after the connection is up; now and then before it.
      const early = random() < 0.2;
      if (early) await sleep(Math.floor(random() * 800));
      else await victim.waitForStatus('community', 'online').then(() => sleep(random() * 25));
      victim.kill('SIGKILL');
      const { signal } = await victim.exit();
      expect(signal).toBe('SIGKILL');
      for (const line of victim.lines())
        if (line.type === 'notification') shownIds.push(String(line.id));
    }
    await publishing;

    const last = cli();
    const deadline = Date.now() + 60_000;
    while (messagesStored() < MESSAGES && Date.now() < deadline) await sleep(200);
    // Anything redelivered late would land now.
    await sleep(1_000);
    last.kill('SIGTERM');
    expect((await last.exit()).code).toBe(0);
    for (const line of last.lines())
      if (line.type === 'notification') shownIds.push(String(line.id));

    const state = openState({ dir: fixture.stateDir, clock: systemClock, log: silentLogger });
    try {
      const ids = state.history
        .list({ account: 'community' })
        .filter((entry) => entry.event.kind === 'message-sent')
        .map((entry) => entry.event.id);
      expect(ids).toHaveLength(MESSAGES);
      expect(new Set(ids).size).toBe(MESSAGES);
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: MESSAGES }, (_, i) => `m-${i}`)));
    } finally {
      state.close();
    }
    expect(shownIds.length).toBeGreaterThan(0);
    expect(shownIds.length - new Set(shownIds).size).toBe(0);
  }, 180_000);
});
