// `--notify-send`: the CLI shows its notifications over D-Bus (dunst on a private session bus
// under Xvfb, or our test notification server where a named action must be invoked), with a
// Dino account on a real mosquitto. The system's opener is a recording `xdg-open` on PATH.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import { silentLogger } from '../../app/core/log.js';
import { openState } from '../../app/state/open-state.js';
import { messageAction, relayedMessage } from '../connectors/dino/fixtures.js';
import { CliProcess } from '../support/cli-process.js';
import { useDinoCli } from '../support/dino-cli-fixture.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { recordingOpener, type RecordingOpener } from '../support/recording-opener.js';
import { startTestNotificationDesktop } from '../support/test-notification-desktop.js';
import { eventually } from '../linux-notifications/sink-support.js';

const USER = '4321';
const LUNCH = '5e0c1a8e-0000-4000-8000-00000000c001';
const DESK = '5e0c1a8e-0000-4000-8000-00000000c002';
const LINK = 'https://chat.example.com/groups/{group_id}';

const dino = useDinoCli('dbus', USER, { link: LINK, notifications: { coalesceMs: 400 } });
let daemon: NotificationDaemon;
let opener: RecordingOpener;

beforeAll(async () => {
  daemon = await startNotificationDaemon();
  opener = recordingOpener('cli-dbus');
}, 30_000);

afterAll(async () => {
  await daemon?.stop();
  opener?.remove();
});

const message = (room: string, id: string, text: string) =>
  relayedMessage({
    groupId: room,
    groupName: room === LUNCH ? 'Lunch' : 'Desk',
    sender: '2003',
    senderName: 'carol',
    messageId: id,
    text,
  });
const dunstctl = async (...args: string[]) =>
  (await promisify(execFile)('dunstctl', args, { env: daemon.env })).stdout.trim();

function startCli(env: NodeJS.ProcessEnv, extra: string[] = []) {
  return new CliProcess(['--config', dino.config.path, '--notify-send', ...extra], opener.env(env));
}

async function stopCli(cli: CliProcess) {
  cli.kill('SIGTERM');
  expect((await cli.exit()).code).toBe(0);
  expect(() => cli.lines()).not.toThrow();
}

describe('the CLI with --notify-send against dunst', () => {
  let cli: CliProcess;
  beforeAll(async () => {
    cli = startCli(daemon.env);
    await cli.waitForStatus('community', 'online');
  });
  afterAll(() => stopCli(cli));

  it('a notification reaches dunst with its actions; its default action opens the link', async () => {
    await dino.publish(message(LUNCH, 'a-1', 'pizza at noon?'));
    const shown = await daemon.waitFor((n) => n.body === 'pizza at noon?', 10_000);
    expect(shown).toMatchObject({
      appName: 'Tidings',
      summary: 'carol in #Lunch',
      actions: ['default', 'Open', 'mark-read', 'Mark as read', 'mute-1h', 'Mute 1 hour'],
      category: 'im.received',
      desktopEntry: 'tidings',
      urgency: 'normal',
    });
    // Dino's icon, as a file dunst reads.
    expect(shown.hintNames).toContain('image-path');
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await dunstctl('action', '0');
    await eventually(() =>
      expect(opener.opened()).toBe(`https://chat.example.com/groups/${LUNCH}\n`),
    );
    // Opened is read: the room's notification goes (a retract line, and off the screen).
    await cli.waitForLine((l) => l.type === 'retract' && l.room === LUNCH);
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('0'));
  });

  it('20 messages in one room within the folding window: one notification, updated in place 19 times', async () => {
    const before = (await daemon.received()).length;
    for (let i = 1; i <= 20; i++) {
      await dino.publish(message(LUNCH, `burst-${i}`, `burst message ${i}`));
      // Each arrives while the room's folding window is open: it updates the one notification.
      // Folded, the body's first line says who and what: "carol: burst message 7".
      const newest = i === 1 ? `burst message 1` : `carol: burst message ${i}`;
      await daemon.waitFor((n) => n.body.split('\n')[0] === newest, 10_000);
    }
    const burst = (await daemon.received()).slice(before);
    expect(burst).toHaveLength(20);
    expect(burst[0]!.replacesId).toBe(0);
    const id = burst[1]!.replacesId;
    expect(id).toBeGreaterThan(0);
    expect(burst.slice(1).map((n) => n.replacesId)).toEqual(Array(19).fill(id));
    expect(burst.slice(1).every((n) => n.hintNames.includes('suppress-sound'))).toBe(true);
    expect(await dunstctl('count', 'displayed')).toBe('1');
    expect(burst.at(-1)).toMatchObject({
      summary: '20 new messages in #Lunch',
      body: 'carol: burst message 20\nand 19 more from carol',
    });
    await dunstctl('close-all');
  });

  it('a deletion closes the shown notification', async () => {
    await dino.publish(message(DESK, 'd-1', 'wrong room, sorry'));
    await daemon.waitFor((n) => n.body === 'wrong room, sorry', 10_000);
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await dino.publish(messageAction('recall', DESK, 'd-1', '2003'));
    await cli.waitForLine((l) => l.type === 'retract' && l.room === DESK);
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('0'));
  });
});

describe('the CLI with --notify-send and a notification server we can drive', () => {
  it('"Mark as read" clears the room\'s unread count and closes the notification', async () => {
    const desktop = await startTestNotificationDesktop(['actions', 'body', 'body-markup']);
    const { server } = desktop;
    const cli = startCli(desktop.env, ['--state-dir', dino.stateDir]);
    try {
      await cli.waitForStatus('community', 'online');
      await dino.publish(message(DESK, 'r-1', 'standup moved'));
      await dino.publish(message(LUNCH, 'r-2', 'still hungry'));
      const desk = await server.waitFor((n) => n.body === 'standup moved', 10_000);
      await server.waitFor((n) => n.body === 'still hungry', 10_000);
      server.invokeAction(desk.id, 'mark-read');
      await cli.waitForLine((l) => l.type === 'retract' && l.room === DESK);
      await eventually(() => expect(server.closedByCall()).toEqual([desk.id]));
    } finally {
      await stopCli(cli);
      await desktop.stop();
    }
    const state = openState({ dir: dino.stateDir, clock: systemClock, log: silentLogger });
    try {
      // The room marked read has none; the other still has its message.
      expect(state.unread.total('community')).toEqual({ count: 1, mentions: 0 });
    } finally {
      state.close();
    }
  });
});

describe('the CLI\'s "Mute 1 hour"', () => {
  it("quiets the notification's room; the account's other rooms still notify", async () => {
    const desktop = await startTestNotificationDesktop(['actions', 'body']);
    const { server } = desktop;
    const cli = startCli(desktop.env);
    try {
      await cli.waitForStatus('community', 'online');
      await dino.publish(message(DESK, 'q-1', 'deploy at 4'));
      const desk = await server.waitFor((n) => n.body === 'deploy at 4', 10_000);
      server.invokeAction(desk.id, 'mute-1h');
      await eventually(() => expect(cli.stderr).toContain('room muted for an hour'));
      await dino.publish(message(DESK, 'q-2', 'deploy moved to 5'));
      // Sent after it on the same link: once this shows, the muted one has been decided.
      await dino.publish(message(LUNCH, 'q-3', 'soup today'));
      await server.waitFor((n) => n.body === 'soup today', 10_000);
      expect(server.received().map((n) => n.body)).not.toContain('deploy moved to 5');
      expect(cli.lines().filter((l) => l.type === 'notification' && l.room === DESK)).toHaveLength(
        1,
      );
    } finally {
      await stopCli(cli);
      await desktop.stop();
    }
  });
});

describe('the CLI with --notify-send and no D-Bus session', () => {
  it('keeps printing JSON lines, says once that it cannot show notifications, and stops cleanly', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tidings-bus',
    };
    delete env.XDG_RUNTIME_DIR;
    const cli = startCli(env);
    await cli.waitForStatus('community', 'online');
    for (let i = 1; i <= 3; i++) await dino.publish(message(DESK, `n-${i}`, `nobody sees ${i}`));
    await cli.waitFor(() =>
      cli
        .lines()
        .some((l) => l.type === 'notification' && String(l.body).includes('nobody sees 3')),
    );
    expect(cli.lines().filter((l) => l.type === 'notifier')).toEqual([
      {
        type: 'notifier',
        state: 'unavailable',
        reason: expect.stringMatching(/D-Bus session bus/),
      },
    ]);
    expect(cli.stderr.match(/notifications cannot be shown/g)).toHaveLength(1);
    expect(cli.child.exitCode).toBeNull();
    await stopCli(cli);
  });
});
