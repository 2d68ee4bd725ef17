import { execFile } from 'node:child_process';
import type { NotificationSink, RoomNotification } from '../core/notification.js';
import type { Logger } from '../core/log.js';
import { escapeMarkup } from '../core/markup.js';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 10_000, env }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

/**
 * Raises notifications through libnotify's notify-send, one per room: an update replaces the
 * room's notification by id (--replace-id), so a burst never stacks.
 */
export function notifySendSink(
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): NotificationSink {
  const ids = new Map<string, string>();

  const send = async (n: RoomNotification): Promise<void> => {
    const args = [
      '--app-name=Tidings',
      '--print-id',
      `--urgency=${n.mention ? 'critical' : 'normal'}`,
    ];
    const previous = ids.get(n.key);
    if (previous) args.push(`--replace-id=${previous}`);
    args.push('--', n.title, escapeMarkup(n.body));
    const id = (await run('notify-send', args, env)).trim();
    if (/^\d+$/.test(id)) ids.set(n.key, id);
  };

  return {
    show: send,
    update: send,
    async retract(n) {
      const id = ids.get(n.key);
      ids.delete(n.key);
      if (!id) return;
      // notify-send cannot close a notification; the daemon's D-Bus method can.
      await run(
        'gdbus',
        [
          'call',
          '--session',
          '--dest',
          'org.freedesktop.Notifications',
          '--object-path',
          '/org/freedesktop/Notifications',
          '--method',
          'org.freedesktop.Notifications.CloseNotification',
          id,
        ],
        env,
      ).catch((error: Error) =>
        log.warn('could not close a notification', { error: error.message }),
      );
    },
  };
}
