// ntfy's `view` and `http` actions as buttons on the CLI's D-Bus notifications: our ntfy test
// server publishes, our test notification server (private bus) shows and clicks, a recording
// `xdg-open` on PATH is the system's opener, and a small local HTTP receiver is what an `http`
// button calls. A request is sent only on a click, once per click, and only to http/https; its
// outcome is noted on the message's entry in the state database's history.
import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../app/state/state-database.js';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import {
  startHttpReceiver,
  type HttpReceiver,
  type ReceivedRequest,
} from '../support/http-receiver.js';
import { recordingOpener, type RecordingOpener } from '../support/recording-opener.js';
import type { TestNotificationServer } from '../support/test-notification-server.js';
import {
  startTestNotificationDesktop,
  type TestNotificationDesktop,
} from '../support/test-notification-desktop.js';
import { startNtfyServer, type NtfyTestServer } from '../servers/ntfy/server.js';
import { eventually } from '../linux-notifications/sink-support.js';

let ntfy: NtfyTestServer;
let desktop: TestNotificationDesktop;
let notifications: TestNotificationServer;
let receiver: HttpReceiver;
let receiverUrl: string;
let received: ReceivedRequest[];
let config: CliConfig;
let opener: RecordingOpener;
let cli: CliProcess;
let stateDir: string;

/** The note History keeps on the message's entry, read beside the running CLI (WAL allows it). */
function noteOn(message: string): string | null | undefined {
  const db = new DatabaseSync(databasePath(stateDir), { readOnly: true });
  try {
    const row = db
      .prepare(
        `SELECT json_extract(entry, '$.note') AS note FROM history
         WHERE json_extract(entry, '$.event.body') = ? ORDER BY seq DESC LIMIT 1`,
      )
      .get(message) as { note: string | null } | undefined;
    return row?.note;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ntfy = await startNtfyServer();
  receiver = await startHttpReceiver((path) => (path === '/broken' ? 503 : 200));
  receiverUrl = receiver.url;
  received = receiver.received;
  desktop = await startTestNotificationDesktop(['actions', 'body']);
  notifications = desktop.server;
  config = await writeCliConfig('ntfy-buttons', {
    accounts: [{ id: 'alerts', type: 'ntfy', server: ntfy.url, topics: ['ci'] }],
    notifications: { coalesceMs: 0 },
  });
  opener = recordingOpener('ntfy-buttons');
  stateDir = await mkdtemp(join(tmpdir(), 'tidings-ntfy-buttons-'));
  cli = new CliProcess(
    ['--config', config.path, '--notify-send', '--state-dir', stateDir],
    opener.env(desktop.env),
  );
  await cli.waitForStatus('alerts', 'online');
}, 30_000);

afterAll(async () => {
  cli?.kill('SIGTERM');
  await cli?.exit();
  await desktop?.stop();
  await ntfy?.stop();
  await receiver?.close();
  await config?.remove();
  opener?.remove();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

const show = (message: string, actions: Record<string, unknown>[]) => {
  ntfy.publish('ci', { message, actions });
  return notifications.waitFor((n) => n.body === message, 10_000);
};

describe('ntfy action buttons on the D-Bus notifications of the CLI', () => {
  it('a view button opens its link; an http button sends its request once per click, never before', async () => {
    const shown = await show('build 42 failed', [
      { action: 'view', label: 'Open log', url: 'https://ci.example.com/42/log' },
      {
        action: 'http',
        label: 'Retry',
        url: `${receiverUrl}/retry`,
        method: 'put',
        headers: { Authorization: 'Bearer tk_retry', 'X-Build': '42' },
        body: '{"build":42}',
      },
      { action: 'view', label: 'Third', url: 'https://ci.example.com/3' },
    ]);
    expect(shown.actions).toEqual([
      'default',
      'Open',
      'mark-read',
      'Mark as read',
      'mute-1h',
      'Mute 1 hour',
      'link-0',
      'Open log',
      'link-1',
      'Retry',
    ]);
    // Shown, not clicked: nothing was sent, and History has nothing to say about a button.
    expect(received).toEqual([]);
    expect(noteOn('build 42 failed')).toBeNull();

    notifications.invokeAction(shown.id, 'link-1');
    await eventually(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({
      method: 'PUT',
      path: '/retry',
      body: '{"build":42}',
      headers: { authorization: 'Bearer tk_retry', 'x-build': '42' },
    });
    await eventually(() => expect(cli.stderrIncludes('button request sent: 200 OK')).toBe(true));
    await eventually(() => expect(noteOn('build 42 failed')).toBe("Sent 'Retry': 200 OK"));

    notifications.invokeAction(shown.id, 'link-1');
    await eventually(() => expect(received).toHaveLength(2));
    // Not cleared: the notification stays.
    expect(notifications.closedByCall()).not.toContain(shown.id);

    // The link opens, and (as a click) the room counts as read: the notification goes.
    notifications.invokeAction(shown.id, 'link-0');
    await eventually(() => expect(opener.opened()).toBe('https://ci.example.com/42/log\n'));
    await eventually(() => expect(notifications.closedByCall()).toContain(shown.id));
    expect(received).toHaveLength(2);
  });

  it('an http button without a method POSTs; with clear it closes the notification once sent', async () => {
    received.length = 0;
    const shown = await show('disk full', [
      { action: 'http', label: 'Clean up', url: `${receiverUrl}/clean`, clear: true },
    ]);
    expect(received).toEqual([]);
    notifications.invokeAction(shown.id, 'link-0');
    await eventually(() => expect(notifications.closedByCall()).toContain(shown.id));
    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', path: '/clean', body: '' }),
    ]);
  });

  it('a failed request is said in words and keeps the notification; other schemes are refused', async () => {
    received.length = 0;
    const shown = await show('backup stuck', [
      { action: 'http', label: 'Kick', url: `${receiverUrl}/broken`, clear: true },
      { action: 'http', label: 'Local', url: 'file:///etc/passwd' },
    ]);
    notifications.invokeAction(shown.id, 'link-0');
    await eventually(() =>
      expect(
        cli.stderrIncludes('button request failed: the server answered 503 Service Unavailable'),
      ).toBe(true),
    );
    expect(received).toHaveLength(1);
    expect(notifications.closedByCall()).not.toContain(shown.id);
    await eventually(() =>
      expect(noteOn('backup stuck')).toBe(
        "'Kick' failed: the server answered 503 Service Unavailable",
      ),
    );

    notifications.invokeAction(shown.id, 'link-1');
    await eventually(() =>
      expect(cli.stderrIncludes('button request refused: links with file: are not opened')).toBe(
        true,
      ),
    );
    expect(received).toHaveLength(1);
    // The newest click's outcome is the one History keeps.
    await eventually(() =>
      expect(noteOn('backup stuck')).toBe("'Local' was refused: links with file: are not opened"),
    );
  });

  it('a view button with a non-web link opens nothing and says why', async () => {
    const before = opener.opened();
    const shown = await show('odd link', [
      { action: 'view', label: 'Run', url: 'javascript:alert(1)' },
    ]);
    notifications.invokeAction(shown.id, 'link-0');
    await eventually(() =>
      expect(cli.stderrIncludes('links with javascript: are not opened')).toBe(true),
    );
    expect(opener.opened()).toBe(before);
  });
});
