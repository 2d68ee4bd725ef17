// Proves the harness end to end: the real notify-send binary talks libnotify/D-Bus to a real
// dunst, and the harness sees exactly what was delivered. No mocks anywhere.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startNotificationDaemon, type NotificationDaemon } from './notification-daemon.js';

const execFileAsync = promisify(execFile);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startNotificationDaemon', () => {
  let daemon: NotificationDaemon | undefined;

  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
  });

  it('receives a notification sent by the real notify-send', { timeout: 30_000 }, async () => {
    daemon = await startNotificationDaemon();

    // notify-send only exits 0 after the daemon has replied to Notify with an id.
    await execFileAsync('notify-send', ['Hello', 'from tidings'], {
      env: daemon.env,
      timeout: 10_000,
    });

    const received = await daemon.waitFor((n) => n.summary === 'Hello', 5_000);
    expect(received).toMatchObject({
      appName: 'notify-send',
      summary: 'Hello',
      body: 'from tidings',
      urgency: 'normal',
      // Routed to the connection that owns org.freedesktop.Notifications, i.e. dunst.
      destination: daemon.daemonBusName,
    });
    expect(await daemon.received()).toHaveLength(1);
  });

  it('keeps app name, urgency and awkward text intact', { timeout: 30_000 }, async () => {
    daemon = await startNotificationDaemon();
    const summary = 'Say "hi"\n   string "not an argument"';

    await execFileAsync('notify-send', ['--app-name=Tidings', '-u', 'critical', summary, 'ü'], {
      env: daemon.env,
      timeout: 10_000,
    });

    const received = await daemon.waitFor((n) => n.appName === 'Tidings', 5_000);
    expect(received).toMatchObject({ summary, body: 'ü', urgency: 'critical' });
  });

  it('stop() leaves no process and no temp dir behind', { timeout: 30_000 }, async () => {
    const started = await startNotificationDaemon();
    expect(started.pids).toHaveLength(4); // Xvfb, dbus-daemon, dbus-monitor, dunst
    expect(started.pids.every(isAlive)).toBe(true);

    await started.stop();

    expect(started.pids.filter(isAlive)).toEqual([]);
    expect(existsSync(started.dir)).toBe(false);
  });
});
