import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../core/clock.js';
import { ConnectorError } from '../core/connector.js';
import { checkExternalLink } from '../core/link-policy.js';
import { sendLinkRequest } from '../core/link-request.js';
import type { Logger } from '../core/log.js';
import type { RoomNotification } from '../core/notification.js';
import type { Pipeline } from '../core/pipeline/pipeline.js';
import { muteRoomRules } from '../core/rules/room-mute.js';
import type { Supervisor } from '../core/supervisor/supervisor.js';
import { dbusNotificationSink } from '../linux-notifications/dbus-notification-sink.js';
import type { ConnectBus } from '../linux-notifications/shared-session-bus.js';
import { notifierLine, writeLine } from './json-lines.js';

const MUTE_MS = 60 * 60_000;

export interface CliNotificationOptions {
  log: Logger;
  clock: Clock;
  /** Buttons where the server has them (`--no-actions` turns them off). */
  actions: boolean;
  write: (text: string) => void;
  /** Made after the sink (they take it), so read when a user acts. */
  pipeline: () => Pipeline;
  supervisor: () => Supervisor;
  env?: NodeJS.ProcessEnv;
  /** The session bus, shared with the system do-not-disturb detector. */
  connectBus?: ConnectBus;
  /** The account's source type (`dino`…), for its icon. */
  typeOf: (account: string) => string | undefined;
}

/**
 * The source icons (`<type>.png`): build/icons/sources in a checkout (from app/headless under tsx
 * or dist/app/headless), resources/icons/sources beside app.asar.unpacked in a package.
 */
export function sourceIconDir(here = dirname(fileURLToPath(import.meta.url))): string | undefined {
  return [
    join(here, '..', '..', 'build', 'icons', 'sources'),
    join(here, '..', '..', '..', 'build', 'icons', 'sources'),
    join(here, '..', '..', '..', '..', 'icons', 'sources'),
  ].find((dir) => existsSync(dir));
}

/**
 * Opens a web link with the desktop's opener, as the desktop app's shell.openExternal does. The
 * opener outlives nothing of ours: it is detached, and its failure is logged, never thrown.
 */
function openWithSystem(url: string, log: Logger, env: NodeJS.ProcessEnv): void {
  const opener = spawn('xdg-open', [url], { detached: true, stdio: 'ignore', env });
  opener.on('error', (error) => log.warn('xdg-open failed', { error: error.message }));
  opener.unref();
}

/**
 * `--notify-send`: the CLI's notifications over D-Bus, with what their actions do here: "Open"
 * opens the link (http/https only) and reads the room, "Mark as read" clears the room's unread
 * count, "Mute 1 hour" mutes the notification's room (for this run), an inline reply goes to the connector; a
 * notification's own buttons (ntfy) open their link or send their request, only when clicked.
 * Whether notifications can be shown is a JSON line of its own (`{"type":"notifier",…}`).
 */
export function cliNotificationSink(options: CliNotificationOptions) {
  const { log } = options;
  const env = options.env ?? process.env;
  const read = (n: RoomNotification) => options.pipeline().markRoomRead(n.account, n.room.id);
  const icons = sourceIconDir();
  return dbusNotificationSink({
    log,
    clock: options.clock,
    env,
    connectBus: options.connectBus,
    actions: options.actions,
    handlers: {
      open(n) {
        const checked = checkExternalLink(n.url);
        if (checked.ok) openWithSystem(checked.url, log, env);
        else if (n.url) log.warn('link refused', { account: n.account, reason: checked.reason });
        read(n);
      },
      async link(n, link) {
        if (link.request) {
          const { history } = options.pipeline();
          return (await sendLinkRequest(n, link, { log, history })).ok;
        }
        const checked = checkExternalLink(link.url);
        if (!checked.ok) {
          log.warn('link refused', { account: n.account, reason: checked.reason });
          return false;
        }
        openWithSystem(checked.url, log, env);
        log.info('button link opened', { account: n.account, button: link.label });
        read(n);
        return true;
      },
      markRead: read,
      mute(n) {
        const pipeline = options.pipeline();
        const current = pipeline.notificationSettings;
        const until = new Date(options.clock.now() + MUTE_MS).toISOString();
        pipeline.setSettings({
          ...current,
          rules: muteRoomRules(current.rules, n.account, n.room.id, until),
        });
        log.info('room muted for an hour', { account: n.account, room: n.room.id, until });
      },
      reply(n, text) {
        const connector = options.supervisor().connector(n.account);
        if (!connector?.reply) return;
        connector.reply(n.room.id, text).then(
          () => read(n),
          (error: unknown) =>
            log.warn('reply failed', {
              account: n.account,
              error: ConnectorError.from(error).message,
            }),
        );
      },
      canReply: (n) => options.supervisor().connector(n.account)?.reply !== undefined,
      iconFor(n) {
        const type = options.typeOf(n.account);
        const icon = icons && type && join(icons, `${type}.png`);
        return icon && existsSync(icon) ? icon : undefined;
      },
      availability: (available, reason) =>
        writeLine(notifierLine(available, reason), options.write),
    },
  });
}
