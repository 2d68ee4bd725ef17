import dbus from 'dbus-next';
import type { SessionBus } from './session-bus.js';

/**
 * org.freedesktop.Notifications as the Desktop Notifications Specification 1.3 describes it
 * (https://specifications.freedesktop.org/notification-spec/1.3/), plus KDE's inline reply
 * (`inline-reply` capability, `NotificationReplied` signal). What a server offers is read once
 * from GetCapabilities when it is reached.
 */
export const NOTIFICATIONS = {
  name: 'org.freedesktop.Notifications',
  path: '/org/freedesktop/Notifications',
};

/** NotificationClosed's reasons (spec: "Signals"). */
export const CLOSE_REASON = { expired: 1, dismissed: 2, closedByCall: 3, undefined: 4 } as const;

export interface NotifyRequest {
  appName: string;
  replacesId: number;
  appIcon: string;
  summary: string;
  body: string;
  /** Pairs: key, label, key, label… */
  actions: string[];
  hints: Record<string, dbus.Variant>;
  /** -1: the server's default; 0: never expires. */
  expireTimeout: number;
}

export interface ServerEvents {
  action(id: number, key: string): void;
  closed(id: number, reason: number): void;
  replied(id: number, text: string): void;
  /** The server left the bus or another took its place: its ids mean nothing now. */
  ownerChanged(owner: string | undefined): void;
}

export class NotificationServer {
  private owner = '';
  private offered = new Set<string>();

  private constructor(private readonly bus: SessionBus) {}

  /** Reaches the server and reads what it can do; rejects, in words, when there is none. */
  static async open(bus: SessionBus, events: ServerEvents): Promise<NotificationServer> {
    const server = new NotificationServer(bus);
    await server.listen(events);
    await server.refresh();
    return server;
  }

  /** Who serves now and what it can do (again, after the server was replaced). */
  async refresh(): Promise<void> {
    const owner = await this.bus.nameOwner(NOTIFICATIONS.name);
    if (!owner)
      throw new Error(`no notification server on the session bus (${NOTIFICATIONS.name})`);
    const [capabilities] = await this.bus.call({
      destination: NOTIFICATIONS.name,
      path: NOTIFICATIONS.path,
      interface: NOTIFICATIONS.name,
      member: 'GetCapabilities',
    });
    this.owner = owner;
    this.offered = new Set(Array.isArray(capabilities) ? capabilities.map(String) : []);
  }

  /** What GetCapabilities said: `actions`, `body-markup`, `inline-reply`… */
  get capabilities(): ReadonlySet<string> {
    return this.offered;
  }

  async notify(request: NotifyRequest): Promise<number> {
    const [id] = await this.bus.call({
      destination: NOTIFICATIONS.name,
      path: NOTIFICATIONS.path,
      interface: NOTIFICATIONS.name,
      member: 'Notify',
      signature: 'susssasa{sv}i',
      body: [
        request.appName,
        request.replacesId,
        request.appIcon,
        request.summary,
        request.body,
        request.actions,
        request.hints,
        request.expireTimeout,
      ],
    });
    if (typeof id !== 'number') throw new Error('the notification server returned no id');
    return id;
  }

  async close(id: number): Promise<void> {
    await this.bus.call({
      destination: NOTIFICATIONS.name,
      path: NOTIFICATIONS.path,
      interface: NOTIFICATIONS.name,
      member: 'CloseNotification',
      signature: 'u',
      body: [id],
    });
  }

  private async listen(events: ServerEvents): Promise<void> {
    const ours = `type='signal',interface='${NOTIFICATIONS.name}',path='${NOTIFICATIONS.path}'`;
    const owners = `type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',arg0='${NOTIFICATIONS.name}'`;
    this.bus.onSignal((signal) => {
      if (signal.member === 'NameOwnerChanged' && signal.body[0] === NOTIFICATIONS.name) {
        const owner = String(signal.body[2] ?? '');
        this.owner = owner;
        events.ownerChanged(owner || undefined);
        return;
      }
      // Another program may claim the interface's name for its signals; only the owner counts.
      if (signal.interface !== NOTIFICATIONS.name || signal.sender !== this.owner) return;
      const [id, detail] = signal.body;
      if (typeof id !== 'number') return;
      if (signal.member === 'ActionInvoked') events.action(id, String(detail));
      else if (signal.member === 'NotificationClosed') events.closed(id, Number(detail));
      else if (signal.member === 'NotificationReplied') events.replied(id, String(detail));
    });
    await this.bus.addMatch(ours);
    await this.bus.addMatch(owners);
  }
}
