// The CLI with --notify-send holds notifications back while the desktop's own do-not-disturb
// is on (the real dunst paused with dunstctl; KDE's Inhibited on our KDE-like server), keeps
// them in history as "system do-not-disturb", and shows the summary when it ends.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databasePath } from '../../app/state/state-database.js';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { CliProcess } from '../support/cli-process.js';
import { useDinoCli } from '../support/dino-cli-fixture.js';
import { startKdeNotificationServer } from '../support/test-notification-server.js';
import { startNotificationDaemon } from '../support/notification-daemon.js';
import { busFolder, startPrivateBus } from '../support/private-bus.js';

const run = promisify(execFile);
const USER = '2468';
const GROUP = '0d7e3c2a-6b5f-4e1d-8a9c-7f6e5d4c3b2a';
const SUMMARY = 'While do-not-disturb was on';

/** A desktop with a do-not-disturb switch, and what it was asked to show. */
interface Desktop {
  env: NodeJS.ProcessEnv;
  setDnd(on: boolean): Promise<void>;
  summaries(): Promise<string[]>;
  stop(): Promise<void>;
}

async function dunstDesktop(): Promise<Desktop> {
  const daemon = await startNotificationDaemon();
  return {
    env: daemon.env,
    setDnd: async (on) => {
      await run('dunstctl', ['set-paused', String(on)], { env: daemon.env });
    },
    summaries: async () => (await daemon.received()).map((n) => n.summary),
    stop: () => daemon.stop(),
  };
}

async function kdeDesktop(): Promise<Desktop> {
  const folder = await busFolder();
  const bus = await startPrivateBus(folder.dir, folder.address);
  const kde = await startKdeNotificationServer(bus.address);
  return {
    env: bus.env,
    setDnd: (on) => Promise.resolve(kde.setDoNotDisturb(on)),
    summaries: () => Promise.resolve(kde.received().map((n) => n.summary)),
    stop: async () => {
      await kde.stop();
      await bus.stop();
      await folder.remove();
    },
  };
}

const dino = useDinoCli('system-dnd', USER, {
  notifications: { coalesceMs: 0, dnd: { summary: true } },
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** History's decisions and reasons for messages, read beside the running CLI (WAL allows it). */
function heldMessages(stateDir: string): { body: string; reason: string }[] {
  const db = new DatabaseSync(databasePath(stateDir), { readOnly: true });
  try {
    return db
      .prepare(
        `SELECT json_extract(entry, '$.event.body') AS body, json_extract(entry, '$.reason') AS reason
         FROM history WHERE decision = 'system do-not-disturb' ORDER BY seq`,
      )
      .all() as { body: string; reason: string }[];
  } finally {
    db.close();
  }
}

const publish = (id: string, text: string) =>
  dino.publish(
    relayedMessage({
      groupId: GROUP,
      groupName: 'Bouldering',
      sender: '1357',
      senderName: 'alice',
      messageId: id,
      text,
    }),
  );

describe.each([
  ['dunst (real), paused with dunstctl', dunstDesktop, 'dunst is paused'],
  ["KDE's Inhibited (our KDE-like server)", kdeDesktop, 'KDE Plasma: do not disturb'],
])('headless CLI under %s', (_name, start, source) => {
  it(
    'keeps events in history while it is on, and shows the summary when it ends',
    { timeout: 60_000 },
    async () => {
      const desktop = await start();
      cleanups.push(() => desktop.stop());
      const stateDir = await mkdtemp(join(tmpdir(), 'tidings-system-dnd-'));
      cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
      const cli = new CliProcess(
        ['--config', dino.config.path, '--notify-send', '--state-dir', stateDir],
        desktop.env,
        'node',
      );
      cleanups.push(async () => {
        cli.kill('SIGTERM');
        await cli.exit();
      });
      await cli.waitForStatus('community', 'online');
      await cli.waitFor((c) => c.stderr.includes(`"state":"off"`));

      await desktop.setDnd(true);
      await cli.waitFor((c) => c.stderr.includes(`"state":"on","source":"${source}"`));
      await publish(`${_name}-1`, 'anyone at the wall?');
      await publish(`${_name}-2`, 'bring chalk');
      await vi.waitFor(() => expect(heldMessages(stateDir)).toHaveLength(2), { timeout: 10_000 });
      expect(heldMessages(stateDir)).toEqual([
        { body: 'anyone at the wall?', reason: `system do-not-disturb: ${source}` },
        { body: 'bring chalk', reason: `system do-not-disturb: ${source}` },
      ]);
      // Nothing reached the desktop or stdout while it was on.
      expect(cli.lines().filter((l) => l.type === 'notification')).toEqual([]);
      expect(await desktop.summaries()).toEqual([]);

      await desktop.setDnd(false);
      const summary = await cli.waitForLine((l) => l.type === 'notification');
      expect(summary).toMatchObject({
        title: SUMMARY,
        body: '2 notifications were held back; see History.',
      });
      await vi.waitFor(async () => expect(await desktop.summaries()).toEqual([SUMMARY]), {
        timeout: 10_000,
      });

      // After it, messages notify again.
      await publish(`${_name}-3`, 'on my way');
      await cli.waitForLine((l) => l.body === 'on my way');
    },
  );
});
