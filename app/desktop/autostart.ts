import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './storage/set-aside.js';

/** The flag a login start passes, so Tidings stays in the tray instead of opening its window. */
export const HIDDEN_FLAG = '--hidden';

/** `$XDG_CONFIG_HOME/autostart/tidings.desktop`, as the XDG Autostart spec places it. */
export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'autostart', 'tidings.desktop');
}

/** Quotes an Exec argument as the Desktop Entry spec asks (a path with spaces). */
function execArgument(arg: string): string {
  return /[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tidings',
    'Comment=Notifications from Rocket.Chat, 3D Repo, Dino and Kuzzle',
    `Exec=${[...command, HIDDEN_FLAG].map(execArgument).join(' ')}`,
    'Icon=tidings',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Start at login on Linux: an XDG autostart entry, present or not. */
export function linuxAutostart(command: readonly string[], path = autostartPath()) {
  return {
    isEnabled: () => existsSync(path),
    setEnabled(enabled: boolean) {
      if (enabled) writeFileAtomic(path, autostartEntry(command), 0o644);
      else rmSync(path, { force: true });
    },
  };
}
