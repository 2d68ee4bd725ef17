import { Notification } from 'electron';
import type { EventLink } from '../core/events.js';
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
  /** One of the notification's own link buttons (an ntfy `view` action). */
  openLink?(notification: RoomNotification, url: string): void;
  /** One of its request buttons (an ntfy `http` action), clicked: sends it, says how it went. */
  sendRequest?(notification: RoomNotification, link: EventLink): Promise<{ ok: boolean }>;
}

const MARK_READ = 0;
/** Link buttons after "Mark as read": macOS shows few buttons, ntfy sends at most three. */
const MAX_LINK_BUTTONS = 2;

/**
 * Electron notifications on macOS and Windows (Linux has the D-Bus sink, see
 * desktop-notification-sink.ts), one per room: the room's key is the notification's id, so an
 * update replaces it where it is and a new one closes the old, never stacked. A notification the
 * OS refuses or fails rejects, and the pipeline records it in history with the reason.
 */
export function electronNotificationSink(
  handlers: NotificationHandlers,
): NotificationSink & { liveNotifications(): number } {
  const byRoom = new Map<string, Notification>();

  /**
   * An update (a burst folding in, an edit) is the same notification changing: it never plays
   * the sound again, and the OS replaces it by its id where it is.
   */
  const present = (n: RoomNotification, update: boolean) =>
    new Promise<void>((resolve, reject) => {
      if (!Notification.isSupported()) {
        reject(new Error('notifications are not supported on this system'));
        return;
      }
      // Closing first would take down what an update replaces in place.
      if (!update) byRoom.get(n.key)?.close();
      const icon = handlers.iconFor(n);
      const links = (n.links ?? []).slice(0, MAX_LINK_BUTTONS);
      const notification = new Notification({
        title: n.title,
        body: n.body,
        silent: update || !handlers.sound(),
        ...(icon && { icon }),
        // The user asked their server for notifications that wait for them (Windows honours it).
        ...(n.stayUntilDismissed && { timeoutType: 'never' as const }),
        id: n.key,
        actions: [
          { type: 'button' as const, text: 'Mark as read' },
          ...links.map((link) => ({ type: 'button' as const, text: link.label })),
        ],
        hasReply: handlers.canReply(n),
        replyPlaceholder: 'Reply…',
      });
      notification.on('click', () => handlers.click(n));
      notification.on('action', (details) => {
        if (details.actionIndex === MARK_READ) handlers.markRead(n);
        const link = links[details.actionIndex - 1];
        if (link?.request)
          void handlers.sendRequest?.(n, link).then(({ ok }) => {
            if (ok && link.clear) notification.close();
          });
        else if (link) handlers.openLink?.(n, link.url);
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
    show: (n) => present(n, false),
    update: (n) => present(n, true),
    retract(n) {
      byRoom.get(n.key)?.close();
      byRoom.delete(n.key);
    },
    /** Notifications shown and not yet closed: those still get their own click events. */
    liveNotifications: () => byRoom.size,
  };
}
