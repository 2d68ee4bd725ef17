// The Linux detector on a real session bus: dunst's `paused` (the real dunst under Xvfb), KDE's
// `Inhibited` (our KDE-like server), a server that leaves and comes back, and a bus that is not
// there, then is, then goes away again.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import type { Logger } from '../../app/core/log.js';
import { notificationServerDnd } from '../../app/system-dnd/notification-server-dnd.js';
import type { SystemDnd } from '../../app/system-dnd/system-dnd.js';
import { startKdeNotificationServer } from '../support/test-notification-server.js';
import { startNotificationDaemon } from '../support/notification-daemon.js';
import { busFolder, startPrivateBus } from '../support/private-bus.js';

const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordingLog() {
  const lines: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
  return { log, lines };
}

function detector(env: NodeJS.ProcessEnv, log: Logger = recordingLog().log): SystemDnd {
  const dnd = notificationServerDnd({ log, clock: systemClock, env });
  cleanups.push(() => dnd.close());
  return dnd;
}

const becomes = (dnd: SystemDnd, state: string, timeout = 10_000) =>
  vi.waitFor(() => expect(dnd.current().state).toBe(state), { timeout, interval: 50 });

describe('dunst (real, on a private bus under Xvfb)', () => {
  it('follows `dunstctl set-paused`', { timeout: 60_000 }, async () => {
    const daemon = await startNotificationDaemon();
    cleanups.push(() => daemon.stop());
    const dnd = detector(daemon.env);
    await becomes(dnd, 'off');
    const seen: string[] = [];
    dnd.onChange((state) => seen.push(`${state.state}: ${state.source}`));

    await run('dunstctl', ['set-paused', 'true'], { env: daemon.env });
    await becomes(dnd, 'on');
    expect(dnd.current()).toEqual({ state: 'on', source: 'dunst is paused' });
    await run('dunstctl', ['set-paused', 'false'], { env: daemon.env });
    await becomes(dnd, 'off');
    expect(seen).toEqual(['on: dunst is paused', 'off: dunst']);
  });
});

describe("KDE Plasma's Inhibited (our KDE-like server)", () => {
  it('reads it at start and follows its PropertiesChanged', { timeout: 30_000 }, async () => {
    const folder = await busFolder();
    cleanups.push(() => folder.remove());
    const bus = await startPrivateBus(folder.dir, folder.address);
    cleanups.push(() => bus.stop());
    const kde = await startKdeNotificationServer(bus.address, { doNotDisturb: true });
    cleanups.push(() => kde.stop());

    const dnd = detector(bus.env);
    await becomes(dnd, 'on');
    expect(dnd.current().source).toBe('KDE Plasma: do not disturb');
    kde.setDoNotDisturb(false);
    await becomes(dnd, 'off');
    kde.setDoNotDisturb(true);
    await becomes(dnd, 'on');
  });

  it(
    'is unknown while no server is there, and reads the next one',
    { timeout: 30_000 },
    async () => {
      const folder = await busFolder();
      cleanups.push(() => folder.remove());
      const bus = await startPrivateBus(folder.dir, folder.address);
      cleanups.push(() => bus.stop());
      const first = await startKdeNotificationServer(bus.address, { doNotDisturb: true });
      const dnd = detector(bus.env);
      await becomes(dnd, 'on');

      await first.stop();
      await becomes(dnd, 'unknown');
      const next = await startKdeNotificationServer(bus.address, { doNotDisturb: false });
      cleanups.push(() => next.stop());
      await becomes(dnd, 'off');
    },
  );
});

describe('the session bus', () => {
  it('none at all: unknown, said once, and nothing throws', async () => {
    const { log, lines } = recordingLog();
    const dnd = detector({}, log);
    await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0));
    // It keeps looking (a user service may start before the session bus): still said once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(dnd.current().state).toBe('unknown');
    expect(lines).toEqual([
      "warn the system's do-not-disturb cannot be read: no D-Bus session bus (neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR)",
    ]);
  });

  it(
    'not there yet, then there, then gone and back: unknown said once each time, then read again',
    { timeout: 90_000 },
    async () => {
      const folder = await busFolder();
      cleanups.push(() => folder.remove());
      const { log, lines } = recordingLog();
      const dnd = detector({ DBUS_SESSION_BUS_ADDRESS: folder.address }, log);
      // A few failed attempts to connect, one line in the log.
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(dnd.current().state).toBe('unknown');
      expect(lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);

      let bus = await startPrivateBus(folder.dir, folder.address);
      let kde = await startKdeNotificationServer(bus.address, { doNotDisturb: true });
      await becomes(dnd, 'on', 40_000);
      expect(lines).toContain("info the session bus is back: reading the system's do-not-disturb");

      // The bus goes with the server still on it, as when the session ends.
      await bus.stop();
      await vi.waitFor(() => expect(lines.filter((l) => l.startsWith('warn'))).toHaveLength(2), {
        timeout: 10_000,
      });
      expect(dnd.current().state).toBe('unknown');
      await kde.stop().catch(() => {});

      bus = await startPrivateBus(folder.dir, folder.address);
      cleanups.push(() => bus.stop());
      kde = await startKdeNotificationServer(bus.address, { doNotDisturb: false });
      cleanups.push(() => kde.stop());
      await becomes(dnd, 'off', 40_000);
    },
  );
});
