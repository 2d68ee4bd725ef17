// A notification server of ours on a private session bus: org.freedesktop.Notifications as the
// Desktop Notifications Specification 1.3 defines it (Notify, CloseNotification,
// GetCapabilities, GetServerInformation; ActionInvoked and NotificationClosed), plus KDE Plasma's
// inline reply (the `inline-reply` capability and its NotificationReplied(u id, s text) signal,
// plasma-workspace libnotificationmanager/server_p.cpp). Tests use it where dunst cannot do a
// thing reliably: invoke a named action (dunstctl opens a menu for several), reply inline, or
// lack a capability. It records every call and lets the test act as the user.
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

NotificationsInterface.configureMembers({
  methods: {
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    CloseNotification: { inSignature: 'u' },
  },
  signals: {
    ActionInvoked: { signature: 'us' },
    NotificationClosed: { signature: 'uu' },
    NotificationReplied: { signature: 'us' },
  },
});

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
  stop(): Promise<void>;
}

/** Claims org.freedesktop.Notifications on the bus at `address` with these capabilities. */
export async function startTestNotificationServer(
  address: string,
  capabilities: string[],
): Promise<TestNotificationServer> {
  const bus = dbus.sessionBus({ busAddress: address });
  const iface = new NotificationsInterface(NAME);
  iface.capabilities = capabilities;
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
    async stop() {
      await bus.releaseName(NAME).catch(() => {});
      bus.disconnect();
    },
  };
}
