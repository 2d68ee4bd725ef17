// A notification server of ours on a private session bus: org.freedesktop.Notifications as the
// Desktop Notifications Specification 1.3 defines it (Notify, CloseNotification,
// GetCapabilities, GetServerInformation; ActionInvoked and NotificationClosed), plus KDE Plasma's
// inline reply (the `inline-reply` capability and its NotificationReplied(u id, s text) signal,
// plasma-workspace libnotificationmanager/server_p.cpp), and, when asked to be KDE-like, KDE's
// do-not-disturb: the `inhibitions` capability, Inhibit/UnInhibit and the `Inhibited` property
// with its PropertiesChanged (same file). Tests use it where dunst cannot do a thing reliably:
// invoke a named action (dunstctl opens a menu for several), reply inline, lack a capability, or
// be KDE. It records every call and lets the test act as the user. Not KDE's: no popups, no job
// progress.
import dbus from 'dbus-next';

const NAME = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';

export interface ServedNotification {
  id: number;
  appName: string;
  replacesId: number;
  summary: string;
  body: string;
  actions: string[];
  hints: Record<string, unknown>;
  expireTimeout: number;
}

class NotificationsInterface extends dbus.interface.Interface {
  capabilities: string[] = [];
  received: ServedNotification[] = [];
  closedByCall: number[] = [];
  open = new Set<number>();
  onChange: () => void = () => {};
  private nextId = 1;

  GetCapabilities(): string[] {
    return this.capabilities;
  }

  GetServerInformation(): string[] {
    return ['tidings-test-server', 'tidings', '1', '1.3'];
  }

  Notify(
    appName: string,
    replacesId: number,
    _appIcon: string,
    summary: string,
    body: string,
    actions: string[],
    hints: Record<string, dbus.Variant>,
    expireTimeout: number,
  ): number {
    // Spec: a replaces_id still on screen is replaced atomically and keeps its id.
    const id = replacesId !== 0 && this.open.has(replacesId) ? replacesId : this.nextId++;
    this.open.add(id);
    const plainHints = Object.fromEntries(
      Object.entries(hints).map(([key, variant]) => [key, variant.value as unknown]),
    );
    this.received.push({
      id,
      appName,
      replacesId,
      summary,
      body,
      actions,
      hints: plainHints,
      expireTimeout,
    });
    this.onChange();
    return id;
  }

  CloseNotification(id: number): void {
    this.closedByCall.push(id);
    if (this.open.delete(id)) this.NotificationClosed(id, 3);
    this.onChange();
  }

  ActionInvoked(id: number, key: string): unknown[] {
    return [id, key];
  }

  NotificationClosed(id: number, reason: number): unknown[] {
    return [id, reason];
  }

  NotificationReplied(id: number, text: string): unknown[] {
    return [id, text];
  }
}

/** KDE Plasma's server, on the points Tidings reads: its do-not-disturb is an inhibition. */
class KdeNotificationsInterface extends NotificationsInterface {
  private readonly inhibitions = new Set<number>();
  private nextCookie = 1;

  get Inhibited(): boolean {
    return this.inhibitions.size > 0;
  }

  /** What KDE's own "Do not disturb" does: an inhibition held until UnInhibit. */
  Inhibit(_desktopEntry: string, _reason: string): number {
    const was = this.Inhibited;
    const cookie = this.nextCookie++;
    this.inhibitions.add(cookie);
    if (!was) dbus.interface.Interface.emitPropertiesChanged(this, { Inhibited: true }, []);
    return cookie;
  }

  UnInhibit(cookie: number): void {
    if (!this.inhibitions.delete(cookie) || this.Inhibited) return;
    dbus.interface.Interface.emitPropertiesChanged(this, { Inhibited: false }, []);
  }
}

// Fresh objects for each class: configureMembers writes into them.
const members = () => ({
  methods: {
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    CloseNotification: { inSignature: 'u' },
  } as Record<string, { inSignature?: string; outSignature?: string }>,
  signals: {
    ActionInvoked: { signature: 'us' },
    NotificationClosed: { signature: 'uu' },
    NotificationReplied: { signature: 'us' },
  },
});
NotificationsInterface.configureMembers(members());
const kdeMembers = members();
KdeNotificationsInterface.configureMembers({
  properties: { Inhibited: { signature: 'b', access: dbus.interface.ACCESS_READ } },
  methods: {
    ...kdeMembers.methods,
    Inhibit: { inSignature: 'ssa{sv}', outSignature: 'u' },
    UnInhibit: { inSignature: 'u' },
  },
  signals: kdeMembers.signals,
});

/** What KDE Plasma's server says it can do (as far as these tests need: no inline reply). */
export const KDE_CAPABILITIES = ['body', 'body-markup', 'actions', 'inhibitions'];

export interface TestNotificationServer {
  received(): ServedNotification[];
  /** Ids the client closed with CloseNotification. */
  closedByCall(): number[];
  waitFor(
    predicate: (n: ServedNotification) => boolean,
    timeoutMs?: number,
  ): Promise<ServedNotification>;
  /** The user clicks an action (key "default" is a click on the notification itself). */
  invokeAction(id: number, key: string): void;
  /** The user answers in KDE's inline reply field. */
  reply(id: number, text: string): void;
  /** The user dismisses it. */
  dismiss(id: number): void;
  /** KDE-like only: KDE's "Do not disturb" on (an inhibition) or off (released). */
  setDoNotDisturb(on: boolean): void;
  /** Leaves the bus, as when the desktop's notification daemon quits. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Be KDE Plasma's server: its `Inhibited` property, on (true) or off (false) from the start. */
  kdeDoNotDisturb?: boolean;
}

/** Claims org.freedesktop.Notifications on the bus at `address` with these capabilities. */
export async function startTestNotificationServer(
  address: string,
  capabilities: string[],
  options: TestServerOptions = {},
): Promise<TestNotificationServer> {
  const bus = dbus.sessionBus({ busAddress: address });
  const kde =
    options.kdeDoNotDisturb !== undefined ? new KdeNotificationsInterface(NAME) : undefined;
  const iface = kde ?? new NotificationsInterface(NAME);
  iface.capabilities = capabilities;
  let cookie = options.kdeDoNotDisturb ? kde?.Inhibit('org.kde.plasmashell', 'DND') : undefined;
  bus.export(PATH, iface);
  const reply = await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER)
    throw new Error(`could not own ${NAME} (reply ${reply})`);
  const waiters = new Set<() => void>();
  iface.onChange = () => waiters.forEach((wake) => wake());

  return {
    received: () => [...iface.received],
    closedByCall: () => [...iface.closedByCall],
    waitFor(predicate, timeoutMs = 5_000) {
      const found = iface.received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching Notify in ${timeoutMs} ms: ${JSON.stringify(iface.received)}`),
          );
        }, timeoutMs);
        const check = () => {
          const match = iface.received.find(predicate);
          if (!match) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
      });
    },
    invokeAction(id, key) {
      iface.ActionInvoked(id, key);
    },
    reply(id, text) {
      iface.NotificationReplied(id, text);
    },
    dismiss(id) {
      if (iface.open.delete(id)) iface.NotificationClosed(id, 2);
    },
    setDoNotDisturb(on) {
      if (!kde) throw new Error('this test server is not KDE-like (kdeDoNotDisturb)');
      if (on && cookie === undefined) cookie = kde.Inhibit('org.kde.plasmashell', 'DND');
      if (!on && cookie !== undefined) {
        kde.UnInhibit(cookie);
        cookie = undefined;
      }
    },
    async stop() {
      await bus.releaseName(NAME).catch(() => {});
      // A call still buffered (a client's last CloseNotification) would be answered on the shut
      // socket, and dbus-next's send would throw out of its socket handler: stop handling first.
      (bus as unknown as { _connection: NodeJS.EventEmitter })._connection.removeAllListeners(
        'message',
      );
      bus.disconnect();
    },
  };
}

/** A KDE Plasma-like server: KDE's capabilities and do-not-disturb (off unless asked). */
export function startKdeNotificationServer(
  address: string,
  options: { doNotDisturb?: boolean } = {},
): Promise<TestNotificationServer> {
  return startTestNotificationServer(address, KDE_CAPABILITIES, {
    kdeDoNotDisturb: options.doNotDisturb ?? false,
  });
}
