import { systemClock } from '../core/clock.js';
import { checkExternalLink } from '../core/link-policy.js';
import type { Logger } from '../core/log.js';
import type { NotificationSink, RoomNotification } from '../core/notification.js';
import { dbusNotificationSink } from '../linux-notifications/dbus-notification-sink.js';
import type { ConnectBus } from '../linux-notifications/shared-session-bus.js';
import {
  electronNotificationSink,
  type NotificationHandlers,
} from './electron-notification-sink.js';
import { notifierStatusCell, type NotifierStatus } from './notifier-status.js';

export interface DesktopNotificationHandlers extends NotificationHandlers {
  /** "Mute 1 hour": the notification's room (Linux: a button on the notification). */
  mute(notification: RoomNotification): void;
}

export interface DesktopNotifications {
  sink: NotificationSink;
  /** Notifications shown and not yet closed (Windows' toast activation asks). */
  liveNotifications(): number;
  /** Whether notifications can be shown now (Linux: the bus and its server are there). */
  status: NotifierStatus;
  close(): void;
}

/**
 * Linux: the D-Bus sink, which Electron's Notification cannot replace there (no action buttons,
 * no inline reply, an update closes and re-shows: electron/electron#24333). macOS and Windows
 * keep Electron's, which has all of that.
 */
export function desktopNotifications(
  handlers: DesktopNotificationHandlers,
  log: Logger,
  platform: NodeJS.Platform = process.platform,
  connectBus?: ConnectBus,
): DesktopNotifications {
  const status = notifierStatusCell();
  if (platform !== 'linux') {
    const sink = electronNotificationSink(handlers);
    return { sink, liveNotifications: () => sink.liveNotifications(), status, close: () => {} };
  }
  const sink = dbusNotificationSink({
    log,
    clock: systemClock,
    connectBus,
    handlers: {
      open: handlers.click,
      // A request button sends only now, on the click; a link opens under the link policy.
      async link(n, link) {
        if (link.request) return (await handlers.sendRequest?.(n, link))?.ok ?? false;
        handlers.openLink?.(n, link.url);
        return checkExternalLink(link.url).ok;
      },
      markRead: handlers.markRead,
      mute: handlers.mute,
      reply: handlers.reply,
      canReply: handlers.canReply,
      iconFor: handlers.iconFor,
      sound: handlers.sound,
      availability: (available, reason) =>
        status.set({ available, ...(reason !== undefined && { reason }) }),
    },
  });
  // Reached now, not at the first notification: a missing server shows in the tray at once.
  void sink.capabilities().catch(() => {});
  return { sink, liveNotifications: () => 0, status, close: () => sink.close() };
}
