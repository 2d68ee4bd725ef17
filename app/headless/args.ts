export interface CliOptions {
  config: string;
  /** Notifications over D-Bus to the desktop's notification server (the flag's old name stays). */
  notifySend: boolean;
  /** Action buttons on those notifications, where the server has them. */
  actions: boolean;
  /** A folder where history and unread counts are kept between runs; in memory when absent. */
  stateDir?: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run --silent headless -- --config FILE [--notify-send [--actions | --no-actions]] [--state-dir DIR]

  --config FILE     the settings file (format 1, see README)
  --notify-send     also show each notification on the Linux desktop, over D-Bus
                    (org.freedesktop.Notifications, no child process: an update replaces the
                    shown notification in place, silently); follows the system's
                    do-not-disturb (KDE, GNOME, dunst): what it holds back goes to history
  --actions         with --notify-send: "Open", "Mark as read", "Mute 1 hour" buttons (and KDE's
                    inline reply) where the notification server has them; the default
  --no-actions      with --notify-send: no buttons
  --state-dir DIR   keep history, unread counts and catch-up state in DIR between runs
                    (DIR/tidings-state.sqlite; old history.json/unread.json move in)
  --help, -h        this text`;

/** Parses the CLI's arguments; `--flag value` and `--flag=value` both work. */
export function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  let config: string | undefined;
  let stateDir: string | undefined;
  let notifySend = false;
  let actions = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--config':
        config = value();
        break;
      case '--state-dir':
        stateDir = value();
        break;
      case '--notify-send':
        notifySend = true;
        break;
      case '--actions':
        actions = true;
        break;
      case '--no-actions':
        actions = false;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (!config) throw new UsageError('--config FILE is required');
  return { config, notifySend, actions, ...(stateDir !== undefined && { stateDir }) };
}
