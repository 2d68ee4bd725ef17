import { Notification } from 'electron';
import { escapeMarkup } from '../core/markup.js';
import type { NotificationSink, RoomNotification } from '../core/notification.js';

/** Only Linux daemons read markup; elsewhere the text is shown as it is. */
function plain(text: string): string {
  return process.platform === 'linux' ? escapeMarkup(text) : text;
}

/**
 * Electron notifications, one per room: a room's new notification closes its old one, so they
 * are updated, never stacked.
 */
export function electronNotificationSink(onClick: (n: RoomNotification) => void): NotificationSink {
  const byRoom = new Map<string, Notification>();

  const present = (n: RoomNotification) =>
    new Promise<void>((resolve, reject) => {
      if (!Notification.isSupported()) {
        reject(new Error('notifications are not supported on this system'));
        return;
      }
      byRoom.get(n.key)?.close();
      const notification = new Notification({ title: n.title, body: plain(n.body), silent: false });
      notification.on('click', () => onClick(n));
      notification.on('failed', (_event, error) => reject(new Error(error)));
      notification.on('show', () => resolve());
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
  };
}
