// One session-bus connection for the notification sink and the system do-not-disturb detector,
// as both front ends use them: on a private bus with our KDE-like server, the two share one
// connection, each works through it, one closing leaves the other working, and a bus that goes
// away and comes back is one new connection for both.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import { silentLogger } from '../../app/core/log.js';
import { connectSessionBus } from '../../app/linux-notifications/session-bus.js';
import { sharedSessionBus } from '../../app/linux-notifications/shared-session-bus.js';
import { notificationServerDnd } from '../../app/system-dnd/notification-server-dnd.js';
import { busFolder, startPrivateBus, type PrivateBus } from '../support/private-bus.js';
import {
  startKdeNotificationServer,
  type TestNotificationServer,
} from '../support/test-notification-server.js';
import { eventually, recordingSink, roomNotification } from './sink-support.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The connections on the bus (unique names), less the one that asks. */
async function connections(bus: PrivateBus): Promise<number> {
  const asker = await connectSessionBus(bus.env);
  try {
    const [names] = await asker.call({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'ListNames',
    });
    return (names as string[]).filter((n) => n.startsWith(':')).length - 1;
  } finally {
    asker.close();
  }
}

async function kdeOnPrivateBus() {
  const folder = await busFolder();
  cleanups.push(() => folder.remove());
  const bus = await startPrivateBus(folder.dir, folder.address);
  cleanups.push(() => bus.stop());
  const server = await startKdeNotificationServer(bus.address, { doNotDisturb: true });
  cleanups.push(() => server.stop().catch(() => {}));
  return { folder, bus, server };
}

function sinkAndDetector(bus: PrivateBus) {
  const connectBus = sharedSessionBus(bus.env);
  const { sink, recorded } = recordingSink(bus.env, { connectBus, retryMs: 100 });
  cleanups.push(() => sink.close());
  const dnd = notificationServerDnd({ log: silentLogger, clock: systemClock, connectBus });
  cleanups.push(() => dnd.close());
  return { sink, recorded, dnd };
}

const shows = async (server: TestNotificationServer, title: string) =>
  server.waitFor((n) => n.summary === title, 10_000);

describe('one session-bus connection for the sink and the detector', () => {
  it('both work through one connection; the sink closing leaves the detector reading', async () => {
    const { bus, server } = await kdeOnPrivateBus();
    const alone = await connections(bus); // the server's own
    const { sink, dnd } = sinkAndDetector(bus);
    await eventually(() => expect(dnd.current().state).toBe('on'));
    await sink.show(roomNotification({ title: 'first' }));
    await shows(server, 'first');
    expect(await connections(bus)).toBe(alone + 1);

    sink.close();
    server.setDoNotDisturb(false);
    await eventually(() => expect(dnd.current().state).toBe('off'));
    expect(await connections(bus)).toBe(alone + 1);
  });

  it(
    'a bus that goes away and comes back is one new connection for both',
    { timeout: 40_000 },
    async () => {
      const { folder, bus, server } = await kdeOnPrivateBus();
      const { sink, recorded, dnd } = sinkAndDetector(bus);
      await eventually(() => expect(dnd.current().state).toBe('on'));
      await sink.show(roomNotification({ title: 'before' }));
      await shows(server, 'before');

      await bus.stop();
      await server.stop().catch(() => {});
      await eventually(() => expect(dnd.current().state).toBe('unknown'));
      await eventually(() => expect(recorded.availability.at(-1)?.available).toBe(false));

      const again = await startPrivateBus(folder.dir, folder.address);
      cleanups.push(() => again.stop());
      const next = await startKdeNotificationServer(again.address, { doNotDisturb: false });
      cleanups.push(() => next.stop());
      await eventually(() => expect(dnd.current().state).toBe('off'), 20_000);
      await eventually(() => expect(recorded.availability.at(-1)?.available).toBe(true), 20_000);
      await sink.show(roomNotification({ title: 'after' }));
      await shows(next, 'after');
      expect(await connections(again)).toBe(2); // the server's and ours
    },
  );
});
