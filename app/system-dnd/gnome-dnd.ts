import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../core/log.js';
import { SYSTEM_DND_UNKNOWN } from '../core/rules/system-dnd.js';
import { gnomeShowBannersState } from './linux-states.js';
import { StateCell, type SystemDnd } from './system-dnd.js';

const SCHEMA = 'org.gnome.desktop.notifications';
const KEY = 'show-banners';

/**
 * GNOME's "Do Not Disturb": the `show-banners` setting, read with `gsettings get` and followed
 * with `gsettings monitor` (GNOME Shell itself watches the same key). No gsettings, no schema:
 * unknown, said once.
 */
export function gnomeDnd(log: Logger, env: NodeJS.ProcessEnv = process.env): SystemDnd {
  const cell = new StateCell();
  let monitor: ChildProcess | undefined;
  let closed = false;

  const unreadable = (why: string) => {
    cell.set(SYSTEM_DND_UNKNOWN);
    log.warn(`GNOME's do-not-disturb cannot be read: ${why}`);
  };

  execFile('gsettings', ['get', SCHEMA, KEY], { env, timeout: 10_000 }, (error, stdout, stderr) => {
    if (closed) return;
    if (error) return unreadable(stderr.trim() || error.message);
    cell.set(gnomeShowBannersState(stdout));
    monitor = spawn('gsettings', ['monitor', SCHEMA, KEY], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    monitor.on('error', (spawnError) => unreadable(spawnError.message));
    monitor.on('exit', () => {
      if (!closed) unreadable('gsettings monitor ended');
    });
    createInterface({ input: monitor.stdout! }).on('line', (line) => {
      const state = gnomeShowBannersState(line);
      if (state.state !== 'unknown') cell.set(state);
    });
  });

  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      monitor?.kill();
      return Promise.resolve();
    },
  };
}
