import dbus, { type ClientInterface, type MessageBus, type Variant } from 'dbus-next';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { SYSTEM_DND_UNKNOWN } from '../core/rules/system-dnd.js';
import { backoffDelay } from '../core/supervisor/backoff.js';
import { notificationServerState, type NotificationServerProperties } from './linux-states.js';
import { StateCell, type SystemDnd } from './system-dnd.js';

const NOTIFICATIONS = 'org.freedesktop.Notifications';
const NOTIFICATIONS_PATH = '/org/freedesktop/Notifications';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const DUNST = 'org.dunstproject.cmd0';
/** A bus that went away is looked for again within this long, however long it stays away. */
const RECONNECT = { initialMs: 1_000, maxMs: 30_000, minMs: 500 };

export interface NotificationServerDndOptions {
  log: Logger;
  clock: Clock;
  /** Where DBUS_SESSION_BUS_ADDRESS is read; process.env in the app. */
  env?: NodeJS.ProcessEnv;
  random?: () => number;
}

/** org.freedesktop.DBus.Properties.Get as dbus-next's proxy exposes it. */
interface PropertiesMethods {
  Get(iface: string, name: string): Promise<Variant>;
}

/**
 * dbus-next's MessageBus does not pass on the end of its connection (the bus daemon went
 * away); its connection does, so the detector listens there to know to reconnect.
 */
interface WithConnection {
  _connection?: { on(event: 'end', listener: () => void): void };
}

/**
 * KDE Plasma's and dunst's do-not-disturb, read from the notification server on the session bus:
 * KDE's `Inhibited` property where the server has it, dunst's `paused` on org.dunstproject.cmd0,
 * and their PropertiesChanged. The server may come and go (NameOwnerChanged), and so may the bus:
 * then the state is unknown, said once in the log, and the bus is looked for again.
 */
export function notificationServerDnd(options: NotificationServerDndOptions): SystemDnd {
  const { log, clock } = options;
  const address = (options.env ?? process.env).DBUS_SESSION_BUS_ADDRESS;
  const random = options.random ?? Math.random;
  const cell = new StateCell();
  let bus: MessageBus | undefined;
  let retry: TimerHandle | undefined;
  let attempt = 0;
  let closed = false;
  /** Each reading of the server gets a number: a late answer to an older one is dropped. */
  let reading = 0;
  let serverProps: ClientInterface | undefined;
  let saidMissing = false;

  const missing = (why: string) => {
    cell.set(SYSTEM_DND_UNKNOWN);
    if (saidMissing) return;
    saidMissing = true;
    log.warn(`the system's do-not-disturb cannot be read: ${why}`);
  };

  const lost = (why: string) => {
    if (!bus || closed) return;
    const gone = bus;
    bus = undefined;
    serverProps = undefined;
    reading++;
    try {
      gone.disconnect();
    } catch {
      // Already closed: nothing more to end.
    }
    missing(why);
    scheduleConnect();
  };

  const scheduleConnect = () => {
    if (closed || retry) return;
    retry = clock.setTimeout(
      () => {
        retry = undefined;
        connect();
      },
      backoffDelay(attempt++, random, RECONNECT),
    );
  };

  const connect = () => {
    if (closed) return;
    if (!address) {
      // Without an address there is no bus to come back: nothing to retry.
      missing('no session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
      return;
    }
    const next = dbus.sessionBus({ busAddress: address });
    bus = next;
    next.on('error', (error: unknown) => {
      if (bus === next) lost(`the session bus is not there (${String(error)})`);
    });
    (next as unknown as WithConnection)._connection?.on('end', () => {
      if (bus === next) lost('the session bus closed');
    });
    next.on('connect', () => {
      if (bus !== next) return;
      attempt = 0;
      if (saidMissing) log.info("the session bus is back: reading the system's do-not-disturb");
      saidMissing = false;
      void watchServer(next).catch((error: unknown) => {
        if (bus === next) lost(`the session bus failed (${String(error)})`);
      });
    });
  };

  /** Follows who owns org.freedesktop.Notifications: a new server is read anew. */
  const watchServer = async (on: MessageBus) => {
    const daemon = await on.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus');
    const names = daemon.getInterface('org.freedesktop.DBus');
    names.on('NameOwnerChanged', (name: string) => {
      if (name === NOTIFICATIONS && bus === on) void readServer(on);
    });
    await readServer(on);
  };

  const readServer = async (on: MessageBus) => {
    const mine = ++reading;
    serverProps?.removeAllListeners('PropertiesChanged');
    serverProps = undefined;
    let props: ClientInterface;
    let kde: boolean;
    let dunst: boolean;
    try {
      const server = await on.getProxyObject(NOTIFICATIONS, NOTIFICATIONS_PATH);
      props = server.getInterface(PROPERTIES);
      const notifications = server.interfaces[NOTIFICATIONS] as
        (ClientInterface & { $properties?: { name: string }[] }) | undefined;
      // Introspection says which extensions this server has; freedesktop 1.3 defines none.
      kde = notifications?.$properties?.some((p) => p.name === 'Inhibited') ?? false;
      dunst = server.interfaces[DUNST] !== undefined;
    } catch (error) {
      if (mine !== reading) return;
      log.info('no notification server on the session bus', { error: String(error) });
      cell.set(SYSTEM_DND_UNKNOWN);
      return;
    }
    if (mine !== reading) return;
    if (!kde && !dunst) {
      log.info('the notification server keeps no do-not-disturb Tidings can read');
      cell.set(SYSTEM_DND_UNKNOWN);
      return;
    }
    const known: NotificationServerProperties = {};
    serverProps = props;
    props.on(
      'PropertiesChanged',
      (iface: string, changed: Record<string, Variant>, invalidated: string[]) => {
        if (mine !== reading) return;
        if (iface === NOTIFICATIONS && 'Inhibited' in changed)
          known.kdeInhibited = changed.Inhibited?.value;
        else if (iface === DUNST && 'paused' in changed) known.dunstPaused = changed.paused?.value;
        else if (invalidated.includes('Inhibited') || invalidated.includes('paused'))
          return void readServer(on);
        else return;
        cell.set(notificationServerState(known));
      },
    );
    const methods = props as unknown as PropertiesMethods;
    const get = async (iface: string, name: string) =>
      (await methods.Get(iface, name)).value as unknown;
    try {
      if (kde) known.kdeInhibited = await get(NOTIFICATIONS, 'Inhibited');
      if (dunst) known.dunstPaused = await get(DUNST, 'paused');
    } catch (error) {
      if (mine !== reading) return;
      log.warn('the notification server did not say whether it is in do-not-disturb', {
        error: String(error),
      });
    }
    if (mine === reading) cell.set(notificationServerState(known));
  };

  connect();
  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      if (retry) clock.clearTimeout(retry);
      retry = undefined;
      const open = bus;
      bus = undefined;
      reading++;
      try {
        open?.disconnect();
      } catch {
        // Already closed.
      }
      return Promise.resolve();
    },
  };
}
