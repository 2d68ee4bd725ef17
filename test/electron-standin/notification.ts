// `Notification` (api/notification.md) as Electron shows it on Linux: through libnotify, over
// the session D-Bus, to org.freedesktop.Notifications (shell/browser/notifications/linux/
// libnotify_notification.cc). Each show() is a new Notify call (replaces_id 0) with summary =
// title, body, the "default"/"View" action when the server has the `actions` capability, the
// urgency hint, `desktop-entry`, libnotify's `sender-pid`, the icon as `image-data`, and the
// default expiry (-1, or 0 for timeoutType "never"). The daemon's ActionInvoked for "default"
// is a click; its NotificationClosed is `close`; a failed Notify call is `failed`.
import dbus from 'dbus-next';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { report } from './control.ts';
import { electronEvent } from './event.ts';
import { imageDataOf } from './png.ts';

const NAME = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';
const URGENCY: Record<string, number> = { low: 0, normal: 1, critical: 2 };

interface NotificationsInterface extends dbus.ClientInterface {
  GetCapabilities(): Promise<string[]>;
  Notify(
    appName: string,
    replacesId: number,
    appIcon: string,
    summary: string,
    body: string,
    actions: string[],
    hints: Record<string, dbus.Variant>,
    expireTimeout: number,
  ): Promise<number>;
  CloseNotification(id: number): Promise<void>;
}

interface Server {
  bus: dbus.MessageBus;
  notifications: NotificationsInterface;
  capabilities: Set<string>;
}

let server: Promise<Server> | undefined;
let applicationName = 'Electron';

export function setApplicationName(name: string): void {
  applicationName = name;
}
const shown = new Map<number, Notification>();

function connectServer(): Promise<Server> {
  server ??= (async () => {
    const bus = dbus.sessionBus();
    const object = await bus.getProxyObject(NAME, PATH);
    const notifications = object.getInterface<NotificationsInterface>(NAME);
    const capabilities = new Set<string>(await notifications.GetCapabilities());
    notifications.on('ActionInvoked', (id: number, action: string) => {
      if (action === 'default') shown.get(id)?.emit('click', electronEvent());
    });
    notifications.on('NotificationClosed', (id: number, reason: number) => {
      const notification = shown.get(id);
      shown.delete(id);
      notification?.closedByServer(reason);
    });
    return { bus, notifications, capabilities };
  })();
  return server;
}

/** Electron's desktop name: package.json `desktopName`, else "<name>.desktop" (lib/browser/init.ts). */
function desktopEntry(): string {
  const name = process.env.CHROME_DESKTOP ?? '';
  return name.replace(/\.desktop$/i, '');
}

export async function closeNotifications(): Promise<void> {
  const open = server;
  server = undefined;
  if (open) (await open.catch(() => undefined))?.bus.disconnect();
}

export class Notification
  extends EventEmitter
  implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body' | 'silent'>
{
  static isSupported(): boolean {
    // Electron: true when libnotify loaded, whether or not a server answers.
    return true;
  }

  title: string;
  body: string;
  silent: boolean;
  private id: number | undefined;
  private closeWanted = false;

  private readonly options: Electron.NotificationConstructorOptions;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.options = options;
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
  }

  show(): void {
    // "If the notification has been shown before, this method will dismiss the previously shown
    // notification and create a new one with identical properties."
    if (this.id !== undefined) this.close();
    this.closeWanted = false;
    void this.notify();
  }

  private async notify(): Promise<void> {
    try {
      const { notifications, capabilities } = await connectServer();
      const actions = capabilities.has('actions') ? ['default', 'View'] : [];
      const hints: Record<string, dbus.Variant> = {
        urgency: new dbus.Variant('y', URGENCY[this.options.urgency ?? 'normal'] ?? 1),
        'sender-pid': new dbus.Variant('x', BigInt(process.pid)),
      };
      if (capabilities.has('append')) hints.append = new dbus.Variant('s', 'true');
      else if (capabilities.has('x-canonical-append'))
        hints['x-canonical-append'] = new dbus.Variant('s', 'true');
      const entry = desktopEntry();
      if (entry) hints['desktop-entry'] = new dbus.Variant('s', entry);
      const icon = this.iconData();
      if (icon) hints['image-data'] = new dbus.Variant('(iiibiiay)', icon);
      const timeout = this.options.timeoutType === 'never' ? 0 : -1;
      const id: number = await notifications.Notify(
        applicationName,
        0,
        '',
        this.title,
        this.body,
        actions,
        hints,
        timeout,
      );
      this.id = id;
      shown.set(id, this);
      report('notification', { id, title: this.title, body: this.body });
      this.emit('show', electronEvent());
      if (this.closeWanted) this.close();
    } catch (error) {
      this.emit('failed', electronEvent(), error instanceof Error ? error.message : String(error));
    }
  }

  private iconData(): unknown[] | undefined {
    const icon = this.options.icon;
    if (typeof icon !== 'string' || icon === '') return undefined;
    try {
      return imageDataOf(readFileSync(icon));
    } catch {
      // Electron shows the notification without an image it cannot read.
      return undefined;
    }
  }

  close(): void {
    const id = this.id;
    if (id === undefined) {
      this.closeWanted = true;
      return;
    }
    this.id = undefined;
    void server?.then(({ notifications }) => notifications.CloseNotification(id)).catch(() => {});
  }

  /** The daemon said it is gone (expired, dismissed, closed by call). */
  closedByServer(reason: number): void {
    this.id = undefined;
    this.emit('close', electronEvent({ reason }));
  }
}
