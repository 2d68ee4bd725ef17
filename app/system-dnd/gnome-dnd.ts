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
  let closed = false;

  /** Said once: a missing schema fails both `get` and the monitor. */
  let failed = false;
  const unreadable = (why: string) => {
    cell.set(SYSTEM_DND_UNKNOWN);
    if (failed) return;
    failed = true;
    log.warn(`GNOME's do-not-disturb cannot be read: ${why}`);
  };

  // The monitor first, so a change while `get` runs is not missed.
  const monitor: ChildProcess = spawn('gsettings', ['monitor', SCHEMA, KEY], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let complaint = '';
  monitor.stderr!.on('data', (chunk: Buffer) => (complaint = (complaint + chunk).slice(-500)));
  monitor.on('error', (error) => unreadable(error.message));
  monitor.on('exit', () => {
    if (!closed) unreadable(complaint.trim() || 'gsettings monitor ended');
  });
  createInterface({ input: monitor.stdout! }).on('line', (line) => {
    const state = gnomeShowBannersState(line);
    if (state.state !== 'unknown') cell.set(state);
  });
  execFile('gsettings', ['get', SCHEMA, KEY], { env, timeout: 10_000 }, (error, stdout, stderr) => {
    if (closed) return;
    if (!error) return cell.set(gnomeShowBannersState(stdout));
    unreadable(stderr.trim() || error.message);
    monitor.kill();
  });

  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      monitor.kill();
      return Promise.resolve();
    },
  };
}
