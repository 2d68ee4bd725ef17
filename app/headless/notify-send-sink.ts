import { execFile } from 'node:child_process';
import type { NotificationSink, RoomNotification } from '../core/notification.js';
import type { Logger } from '../core/log.js';
import { escapeMarkup } from '../core/markup.js';

/**
 * notify-send gets title and body as arguments, and Linux refuses an argument over 128 KiB
 * (MAX_ARG_STRLEN) with E2BIG; D-Bus strings may hold no NUL. The body grows up to 5 bytes a
 * character when escaped ("&amp;") and 4 in UTF-8, so 16,000 characters always fit; a daemon
 * shows a few lines of either anyway.
 */
export const NOTIFY_SEND_LIMITS = { title: 1_000, body: 16_000 };
/** C0 controls (NUL first) and DEL; newline and tab are text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Half a surrogate pair: not encodable as the UTF-8 D-Bus requires. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as a notification daemon can take it: no controls, valid UTF-16, cut with "…". */
export function displayable(text: string, max: number): string {
  const clean = text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max - 1);
  // Never end on half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

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
      `--urgency=${n.mention || n.stayUntilDismissed ? 'critical' : 'normal'}`,
      // The user asked their server for notifications that wait for them: no expiry.
      ...(n.stayUntilDismissed ? ['--expire-time=0'] : []),
    ];
    const previous = ids.get(n.key);
    if (previous) args.push(`--replace-id=${previous}`);
    args.push(
      '--',
      displayable(n.title, NOTIFY_SEND_LIMITS.title),
      escapeMarkup(displayable(n.body, NOTIFY_SEND_LIMITS.body)),
    );
    try {
      const id = (await run('notify-send', args, env)).trim();
      if (/^\d+$/.test(id)) ids.set(n.key, id);
    } catch (error) {
      // The pipeline keeps it in history as not shown; stderr tells whoever runs the CLI now.
      const reason = error instanceof Error ? error.message : String(error);
      log.warn('notify-send failed', { account: n.account, room: n.room.name, error: reason });
      throw error;
    }
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
