import { Notification } from 'electron';
import { escapeMarkup } from '../core/markup.js';
import type { NotificationSink, RoomNotification } from '../core/notification.js';

export interface NotificationHandlers {
  click(notification: RoomNotification): void;
  markRead(notification: RoomNotification): void;
  reply(notification: RoomNotification, text: string): void;
  /** Whether the account's connector can reply (inline reply is offered only then). */
  canReply(notification: RoomNotification): boolean;
  /** The source's icon (a PNG path) for the notification, if there is one. */
  iconFor(notification: RoomNotification): string | undefined;
  /** The user's "sound" setting. */
  sound(): boolean;
}

/** Actions and inline reply exist on macOS and Windows; Linux daemons ignore them. */
const ACTIONS_SUPPORTED = process.platform === 'darwin' || process.platform === 'win32';
const MARK_READ = 0;

/** Linux daemons read markup: server text must not become bold, links or broken XML. */
function plain(text: string): string {
  return process.platform === 'linux' ? escapeMarkup(text) : text;
}

/**
 * Electron notifications, one per room: a room's new notification closes its old one, so they
 * are updated, never stacked. A notification the OS refuses or fails rejects, and the pipeline
 * records it in history with the reason.
 */
export function electronNotificationSink(
  handlers: NotificationHandlers,
): NotificationSink & { liveNotifications(): number } {
  const byRoom = new Map<string, Notification>();

  const present = (n: RoomNotification) =>
    new Promise<void>((resolve, reject) => {
      if (!Notification.isSupported()) {
        reject(new Error('notifications are not supported on this system'));
        return;
      }
      byRoom.get(n.key)?.close();
      const icon = handlers.iconFor(n);
      const notification = new Notification({
        title: n.title,
        body: plain(n.body),
        silent: !handlers.sound(),
        ...(icon && { icon }),
        ...(ACTIONS_SUPPORTED && {
          actions: [{ type: 'button' as const, text: 'Mark as read' }],
          hasReply: handlers.canReply(n),
          replyPlaceholder: 'Reply…',
        }),
      });
      notification.on('click', () => handlers.click(n));
      notification.on('action', (details) => {
        if (details.actionIndex === MARK_READ) handlers.markRead(n);
      });
      notification.on('reply', (details) => handlers.reply(n, details.reply));
      notification.on('failed', (_event, error) => reject(new Error(error)));
      notification.on('show', () => resolve());
      notification.on('close', () => {
        if (byRoom.get(n.key) === notification) byRoom.delete(n.key);
      });
      byRoom.set(n.key, notification);
      notification.show();
    });

  return {
    show: present,
    update: present,
    retract(n) {
      byRoom.get(n.key)?.close();
      byRoom.delete(n.key);
    },
    /** Notifications shown and not yet closed: those still get their own click events. */
    liveNotifications: () => byRoom.size,
  };
}
