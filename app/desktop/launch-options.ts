/**
 * Command-line switches of the desktop app, for running a second, separate Tidings beside the
 * user's own (the demo does): `--data-dir=<dir>` keeps its settings, secrets, history and
 * single-instance lock in that folder; `--import-settings=<file>` replaces its settings with a
 * file's at start, as General › Import does.
 */
export interface LaunchOptions {
  dataDir?: string;
  importSettings?: string;
}

const SWITCHES: Record<string, keyof LaunchOptions> = {
  '--data-dir': 'dataDir',
  '--import-settings': 'importSettings',
};

export function launchOptions(argv: readonly string[]): LaunchOptions {
  const options: LaunchOptions = {};
  for (const arg of argv) {
    const equals = arg.indexOf('=');
    const key = equals > 0 ? SWITCHES[arg.slice(0, equals)] : undefined;
    const value = arg.slice(equals + 1);
    if (key && value) options[key] = value;
  }
  return options;
}
