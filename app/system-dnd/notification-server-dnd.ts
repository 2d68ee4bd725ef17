import type { Variant } from 'dbus-next';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { SYSTEM_DND_UNKNOWN } from '../core/rules/system-dnd.js';
import { NOTIFICATIONS } from '../linux-notifications/notification-server.js';
import {
  busRetryDelay,
  connectSessionBus,
  type BusSignal,
  type SessionBus,
} from '../linux-notifications/session-bus.js';
import type { ConnectBus } from '../linux-notifications/shared-session-bus.js';
import { notificationServerState, type NotificationServerProperties } from './linux-states.js';
import { StateCell, type SystemDnd } from './system-dnd.js';

const PROPERTIES = 'org.freedesktop.DBus.Properties';
const DUNST = 'org.dunstproject.cmd0';
const OWNERS = `type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',arg0='${NOTIFICATIONS.name}'`;
const CHANGES = `type='signal',interface='${PROPERTIES}',member='PropertiesChanged',path='${NOTIFICATIONS.path}'`;

export interface NotificationServerDndOptions {
  log: Logger;
  clock: Clock;
  /** Where the session bus's address is read; process.env in the app. */
  env?: NodeJS.ProcessEnv;
  /** The session bus, shared with the notification sink; its own one otherwise. */
  connectBus?: ConnectBus;
  random?: () => number;
}

/** A property of the notification server; undefined where it has none (not KDE, not dunst). */
async function property(bus: SessionBus, iface: string, name: string): Promise<unknown> {
  try {
    const [value] = await bus.call({
      destination: NOTIFICATIONS.name,
      path: NOTIFICATIONS.path,
      interface: PROPERTIES,
      member: 'Get',
      signature: 'ss',
      body: [iface, name],
    });
    return (value as Variant | undefined)?.value;
  } catch {
    // UnknownInterface / UnknownProperty: freedesktop 1.3 defines neither extension.
    return undefined;
  }
}

/**
 * KDE Plasma's and dunst's do-not-disturb, read from the notification server on the session bus:
 * KDE's `Inhibited` property where the server has it, dunst's `paused` on org.dunstproject.cmd0,
 * and their PropertiesChanged. The server may come and go (NameOwnerChanged), and so may the bus:
 * then the state is unknown, said once in the log, and the bus is looked for again (the bus's
 * one reconnect policy, busRetryDelay).
 */
export function notificationServerDnd(options: NotificationServerDndOptions): SystemDnd {
  const { log, clock } = options;
  const env = options.env ?? process.env;
  const connectBus = options.connectBus ?? (() => connectSessionBus(env));
  const random = options.random ?? Math.random;
  const cell = new StateCell();
  let bus: SessionBus | undefined;
  let retry: TimerHandle | undefined;
  let attempt = 0;
  let closed = false;
  /** Each reading of the server gets a number: a late answer to an older one is dropped. */
  let reading = 0;
  /** The server's unique name: only its PropertiesChanged count. */
  let owner: string | undefined;
  let known: NotificationServerProperties = {};
  let saidMissing = false;

  const missing = (why: string) => {
    cell.set(SYSTEM_DND_UNKNOWN);
    if (saidMissing) return;
    saidMissing = true;
    log.warn(`the system's do-not-disturb cannot be read: ${why}`);
  };

  const lost = (why: string) => {
    const gone = bus;
    bus = undefined;
    owner = undefined;
    reading++;
    gone?.close();
    if (closed) return;
    missing(why);
    scheduleConnect();
  };

  const scheduleConnect = () => {
    if (closed || retry) return;
    retry = clock.setTimeout(
      () => {
        retry = undefined;
        void connect();
      },
      busRetryDelay(attempt++, random),
    );
  };

  /** A new reading; if it fails, the bus has gone, and its `closed` says so. */
  const reread = (on: SessionBus) => void readServer(on).catch(() => {});

  const onSignal = (on: SessionBus, signal: BusSignal) => {
    if (bus !== on) return;
    if (signal.member === 'NameOwnerChanged' && signal.body[0] === NOTIFICATIONS.name) {
      reread(on);
      return;
    }
    if (signal.member !== 'PropertiesChanged' || !owner || signal.sender !== owner) return;
    const [iface, changed, invalidated] = signal.body as [
      string,
      Record<string, Variant | undefined>,
      string[],
    ];
    if (iface === NOTIFICATIONS.name && 'Inhibited' in changed)
      known.kdeInhibited = changed.Inhibited?.value;
    else if (iface === DUNST && 'paused' in changed) known.dunstPaused = changed.paused?.value;
    else if (invalidated.includes('Inhibited') || invalidated.includes('paused')) return reread(on);
    else return;
    cell.set(notificationServerState(known));
  };

  const connect = async () => {
    if (closed) return;
    let next: SessionBus;
    try {
      next = await connectBus();
    } catch (error) {
      missing(error instanceof Error ? error.message : String(error));
      scheduleConnect();
      return;
    }
    if (closed) return next.close();
    bus = next;
    attempt = 0;
    if (saidMissing) log.info("the session bus is back: reading the system's do-not-disturb");
    saidMissing = false;
    void next.closed.then((why) => {
      if (bus === next) lost(why.message);
    });
    try {
      next.onSignal((signal) => onSignal(next, signal));
      await next.addMatch(OWNERS);
      await next.addMatch(CHANGES);
      await readServer(next);
    } catch (error) {
      if (bus === next) lost(`the session bus failed (${String(error)})`);
    }
  };

  /** Who serves org.freedesktop.Notifications now, and which do-not-disturb it keeps. */
  const readServer = async (on: SessionBus) => {
    const mine = ++reading;
    owner = undefined;
    known = {};
    const serving = await on.nameOwner(NOTIFICATIONS.name);
    if (mine !== reading) return;
    if (!serving) {
      log.info('no notification server on the session bus');
      cell.set(SYSTEM_DND_UNKNOWN);
      return;
    }
    // Changes from now on count; a change during the reads below is kept by the later set.
    owner = serving;
    const kdeInhibited = await property(on, NOTIFICATIONS.name, 'Inhibited');
    const dunstPaused = await property(on, DUNST, 'paused');
    if (mine !== reading) return;
    if (kdeInhibited === undefined && dunstPaused === undefined) {
      log.info('the notification server keeps no do-not-disturb Tidings can read');
      cell.set(SYSTEM_DND_UNKNOWN);
      return;
    }
    known = {
      kdeInhibited: known.kdeInhibited ?? kdeInhibited,
      dunstPaused: known.dunstPaused ?? dunstPaused,
    };
    cell.set(notificationServerState(known));
  };

  void connect();
  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      if (retry) clock.clearTimeout(retry);
      retry = undefined;
      lost('closed');
      return Promise.resolve();
    },
  };
}
