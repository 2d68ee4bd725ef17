import { Notification } from 'electron';
import { escapeMarkup } from '../core/markup.js';
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
  /** The OS whose notification rules apply; this process's when absent (tests pass others). */
  platform?: NodeJS.Platform;
}

const MARK_READ = 0;
/** Link buttons after "Mark as read": macOS shows few buttons, ntfy sends at most three. */
const MAX_LINK_BUTTONS = 2;

/**
 * How urgent a notification is on Linux (Electron passes it to the daemon). Mentions and direct
 * messages are critical: daemons keep them on screen until the user dismisses them.
 * A changed non-mention is low: KDE lists a low one without a pop-up, other daemons at least show
 * it quietly. A changed mention stays critical, or the daemon would take down the one it keeps up.
 */
function linuxUrgency(n: RoomNotification, update: boolean): 'critical' | 'normal' | 'low' {
  if (n.mention || n.stayUntilDismissed) return 'critical';
  return update ? 'low' : 'normal';
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
  const platform = handlers.platform ?? process.platform;
  const linux = platform === 'linux';
  // Actions and inline reply exist on macOS and Windows; Linux daemons ignore them.
  const actions = platform === 'darwin' || platform === 'win32';
  // Linux daemons read markup: server text must not become bold, links or broken XML.
  const plain = (text: string) => (linux ? escapeMarkup(text) : text);

  /**
   * An update (a burst folding in, an edit) is the same notification changing: it never plays
   * the sound again. On macOS and Windows the room's key is the notification's id, so the OS
   * replaces it where it is; on Linux Electron has no replace id, so the old one closes and the
   * new one goes up at low urgency (see linuxUrgency).
   */
  const present = (n: RoomNotification, update: boolean) =>
    new Promise<void>((resolve, reject) => {
      if (!Notification.isSupported()) {
        reject(new Error('notifications are not supported on this system'));
        return;
      }
      // Closing first would take down what an update replaces in place.
      if (!update || linux) byRoom.get(n.key)?.close();
      const icon = handlers.iconFor(n);
      const links = (n.links ?? []).slice(0, MAX_LINK_BUTTONS);
      const notification = new Notification({
        title: n.title,
        body: plain(n.body),
        silent: update || !handlers.sound(),
        ...(icon && { icon }),
        // The user asked their server for notifications that wait for them (Linux, Windows).
        ...(n.stayUntilDismissed && { timeoutType: 'never' as const }),
        ...(linux ? { urgency: linuxUrgency(n, update) } : { id: n.key }),
        ...(actions && {
          actions: [
            { type: 'button' as const, text: 'Mark as read' },
            ...links.map((link) => ({ type: 'button' as const, text: link.label })),
          ],
          hasReply: handlers.canReply(n),
          replyPlaceholder: 'Reply…',
        }),
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
