// A notification server of ours on a private bus, as KDE Plasma's is on the points Tidings reads:
// org.freedesktop.Notifications (spec 1.2 methods and signals) plus KDE's extensions, the
// `inhibitions` capability, Inhibit/UnInhibit and the `Inhibited` property with its
// PropertiesChanged (plasma-workspace libnotificationmanager/server_p.cpp). Not KDE's: no
// popups, no inline reply, no job progress. It records each Notify for the tests.
import dbus, { type MessageBus } from 'dbus-next';

const NAME = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';

export interface ReceivedByKde {
  id: number;
  appName: string;
  replacesId: number;
  summary: string;
  body: string;
}

class PlasmaNotifications extends dbus.interface.Interface {
  readonly received: ReceivedByKde[] = [];
  private nextId = 1;
  private readonly inhibitions = new Set<number>();
  private nextCookie = 1;

  constructor() {
    super(NAME);
  }

  get Inhibited(): boolean {
    return this.inhibitions.size > 0;
  }

  GetCapabilities(): string[] {
    return ['body', 'body-markup', 'actions', 'inhibitions'];
  }

  GetServerInformation(): string[] {
    return ['Plasma', 'KDE', '5.27', '1.2'];
  }

  Notify(
    appName: string,
    replacesId: number,
    _icon: string,
    summary: string,
    body: string,
  ): number {
    const id = replacesId > 0 ? replacesId : this.nextId++;
    this.received.push({ id, appName, replacesId, summary, body });
    return id;
  }

  CloseNotification(id: number): void {
    this.NotificationClosed(id, 3);
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

  NotificationClosed(id: number, reason: number): number[] {
    return [id, reason];
  }

  ActionInvoked(id: number, key: string): [number, string] {
    return [id, key];
  }
}

PlasmaNotifications.configureMembers({
  properties: { Inhibited: { signature: 'b', access: 'read' } },
  methods: {
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    CloseNotification: { inSignature: 'u' },
    Inhibit: { inSignature: 'ssa{sv}', outSignature: 'u' },
    UnInhibit: { inSignature: 'u' },
  },
  signals: {
    NotificationClosed: { signature: 'uu' },
    ActionInvoked: { signature: 'us' },
  },
});

export interface KdeNotificationServer {
  received: ReceivedByKde[];
  /** Turns KDE's "Do not disturb" on (an inhibition) or off (all released). */
  setDoNotDisturb(on: boolean): void;
  /** Leaves the bus, as when plasmashell quits. */
  stop(): Promise<void>;
}

export async function startKdeNotificationServer(
  address: string,
  options: { doNotDisturb?: boolean } = {},
): Promise<KdeNotificationServer> {
  const bus: MessageBus = dbus.sessionBus({ busAddress: address });
  const server = new PlasmaNotifications();
  let cookie: number | undefined;
  if (options.doNotDisturb) cookie = server.Inhibit('org.kde.plasmashell', 'Do not disturb');
  bus.export(PATH, server);
  const reply = await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER)
    throw new Error(`could not own ${NAME} (reply ${reply})`);
  return {
    received: server.received,
    setDoNotDisturb: (on) => {
      if (on && cookie === undefined) cookie = server.Inhibit('org.kde.plasmashell', 'DND');
      if (!on && cookie !== undefined) {
        server.UnInhibit(cookie);
        cookie = undefined;
      }
    },
    stop: async () => {
      await bus.releaseName(NAME);
      bus.disconnect();
    },
  };
}
