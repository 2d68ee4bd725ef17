import type { Clock, TimerHandle } from '../core/clock.js';
import type { EventLink } from '../core/events.js';
import type { Logger } from '../core/log.js';
import type { NotificationSink, RoomNotification } from '../core/notification.js';
import { CLOSE_REASON, NotificationServer } from './notification-server.js';
import { ACTION, linkOfAction, notifyRequest } from './notify-request.js';
import { busRetryDelay, connectSessionBus, type SessionBus } from './session-bus.js';
import type { ConnectBus } from './shared-session-bus.js';

/** What the user does with a notification, and what the sink needs to know from its front end. */
export interface DbusSinkHandlers {
  /** The default action ("Open"): the link, through the system's opener; the room is read. */
  open(n: RoomNotification): void;
  markRead(n: RoomNotification): void;
  /** "Mute 1 hour": the notification's room goes quiet for an hour. */
  mute(n: RoomNotification): void;
  /**
   * One of the notification's own buttons (ntfy's `view`: open its link; `http`: send its
   * request). Resolves true when it succeeded, and a link with `clear` then closes the notification.
   */
  link?(n: RoomNotification, link: EventLink): Promise<boolean> | boolean;
  /** KDE's inline reply. */
  reply(n: RoomNotification, text: string): void;
  canReply(n: RoomNotification): boolean;
  /** The source's icon (a PNG path), if there is one. */
  iconFor?(n: RoomNotification): string | undefined;
  /** The user's "sound" setting. */
  sound?(): boolean;
  /** Whether notifications can be shown; called when that changes (once per outage). */
  availability?(available: boolean, reason?: string): void;
}

export interface DbusSinkOptions {
  handlers: DbusSinkHandlers;
  log: Logger;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  /** The session bus, shared with the system do-not-disturb detector; its own one otherwise. */
  connectBus?: ConnectBus;
  /** Offer action buttons where the server has them (on by default). */
  actions?: boolean;
  /** How often to look for the bus or the server again while there is none (tests); else the
   * bus's one policy (busRetryDelay). */
  retryMs?: number;
}

interface Connected {
  bus: SessionBus;
  server: NotificationServer;
}

/**
 * Notifications over D-Bus to org.freedesktop.Notifications, one per room: an update replaces the
 * room's notification in place (replaces_id), silently. Actions, inline reply, markup, icon and
 * the rest are used only where the server's GetCapabilities has them. Without a bus or a server
 * it says so once, rejects each notification (the pipeline keeps it in history as not shown),
 * and looks for them again until they are back.
 */
export function dbusNotificationSink(
  options: DbusSinkOptions,
): NotificationSink & { close(): void; capabilities(): Promise<ReadonlySet<string>> } {
  const { handlers, log, clock } = options;
  const env = options.env ?? process.env;
  const connectBus = options.connectBus ?? (() => connectSessionBus(env));
  let attempt = 0;
  const retryDelay = () => options.retryMs ?? busRetryDelay(attempt++);
  /** Room key → the server's id for the room's notification, and back. */
  const ids = new Map<string, number>();
  const shown = new Map<number, RoomNotification>();
  let connection: Promise<Connected> | undefined;
  let available: boolean | undefined;
  let retry: TimerHandle | undefined;
  let closed = false;

  /** Notify calls not answered yet: a signal for their id can come before their reply is read. */
  const inFlight = new Set<Promise<unknown>>();
  /** Acts on the notification with this id, once its Notify reply has been read. */
  const withShown = (id: number, act: (n: RoomNotification) => void) => {
    const n = shown.get(id);
    if (n) act(n);
    else if (inFlight.size > 0)
      void Promise.allSettled([...inFlight]).then(() => {
        const later = shown.get(id);
        if (later) act(later);
      });
  };

  const forgetShown = () => {
    ids.clear();
    shown.clear();
  };

  const report = (now: boolean, reason?: string) => {
    if (available === now) return;
    available = now;
    if (now) attempt = 0;
    if (now) log.info('notifications can be shown again');
    else log.warn('notifications cannot be shown', { reason });
    handlers.availability?.(now, reason);
  };

  const lost = (reason: string) => {
    connection = undefined;
    forgetShown();
    report(false, reason);
    scheduleRetry();
  };

  function scheduleRetry() {
    if (closed || retry) return;
    retry = clock.setTimeout(() => {
      retry = undefined;
      connect().catch(() => {});
    }, retryDelay());
  }

  /** Closes the room's notification on the server and forgets it. */
  const closeShown = async (key: string, id: number) => {
    if (ids.get(key) === id) ids.delete(key);
    shown.delete(id);
    const current = await connection?.catch(() => undefined);
    await current?.server
      .close(id)
      .catch((error: Error) =>
        log.warn('could not close a notification', { error: error.message }),
      );
  };

  /** A link button's action, then (ntfy's `clear`) the notification closes if it succeeded. */
  const followLink = async (
    id: number,
    n: RoomNotification,
    link: EventLink,
    act: NonNullable<DbusSinkHandlers['link']>,
  ) => {
    const succeeded = await Promise.resolve(act(n, link)).catch((error: unknown) => {
      log.warn('a notification button failed', { account: n.account, error: String(error) });
      return false;
    });
    if (succeeded && link.clear && ids.get(n.key) === id) await closeShown(n.key, id);
  };

  const events = (server: () => NotificationServer | undefined) => ({
    action(id: number, key: string) {
      withShown(id, (n) => {
        if (key === ACTION.open) handlers.open(n);
        else if (key === ACTION.markRead) handlers.markRead(n);
        else if (key === ACTION.mute) handlers.mute(n);
        else {
          const link = linkOfAction(n, key);
          if (link && handlers.link) void followLink(id, n, link, handlers.link);
        }
      });
    },
    closed(id: number, reason: number) {
      withShown(id, (n) => {
        shown.delete(id);
        if (ids.get(n.key) === id) ids.delete(n.key);
        if (reason === CLOSE_REASON.dismissed)
          log.info('notification dismissed by the user', {
            account: n.account,
            room: n.room.name ?? n.room.id,
          });
      });
    },
    replied(id: number, text: string) {
      withShown(id, (n) => handlers.reply(n, text));
    },
    ownerChanged(owner: string | undefined) {
      // The old server's ids mean nothing to a new one.
      forgetShown();
      if (!owner) {
        report(false, 'the notification server left the session bus');
        return;
      }
      void server()
        ?.refresh()
        .then(() => report(true))
        .catch((error: Error) => report(false, error.message));
    },
  });

  function connect(): Promise<Connected> {
    if (closed) return Promise.reject(new Error('the notification sink is closed'));
    connection ??= (async () => {
      let bus: SessionBus | undefined;
      try {
        bus = await connectBus();
        // Its signals may refresh it (a new server took the name): they reach it through here.
        const made: { server?: NotificationServer } = {};
        const server = await NotificationServer.open(
          bus,
          events(() => made.server),
        );
        made.server = server;
        const open = bus;
        void bus.closed.then((why) => {
          if (!closed && connection) lost(why.message);
        });
        report(true);
        if (closed) open.close();
        return { bus: open, server };
      } catch (error) {
        bus?.close();
        const reason = error instanceof Error ? error.message : String(error);
        lost(reason);
        throw error instanceof Error ? error : new Error(reason);
      }
    })();
    return connection;
  }

  const send = async (n: RoomNotification): Promise<void> => {
    const { server } = await connect();
    const previous = ids.get(n.key);
    const request = notifyRequest(n, {
      capabilities: server.capabilities,
      actions: options.actions ?? true,
      canReply: handlers.canReply(n),
      icon: handlers.iconFor?.(n),
      replacesId: previous ?? 0,
      sound: handlers.sound?.() ?? true,
      appName: 'Tidings',
      desktopEntry: 'tidings',
    });
    // A replacement shows in place at once: a click on it acts on what it shows now, even
    // before the Notify reply is read.
    if (previous !== undefined) shown.set(previous, n);
    const recorded = server.notify(request).then((id) => {
      if (previous !== undefined && previous !== id) shown.delete(previous);
      ids.set(n.key, id);
      shown.set(id, n);
    });
    inFlight.add(recorded);
    await recorded.finally(() => inFlight.delete(recorded));
  };

  return {
    show: send,
    update: send,
    async retract(n) {
      const id = ids.get(n.key);
      ids.delete(n.key);
      if (id !== undefined) await closeShown(n.key, id);
    },
    async capabilities() {
      return (await connect()).server.capabilities;
    },
    close() {
      closed = true;
      if (retry) clock.clearTimeout(retry);
      void connection?.then(({ bus }) => bus.close()).catch(() => {});
      connection = undefined;
    },
  };
}
