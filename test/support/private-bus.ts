// A private D-Bus session bus (dbus-daemon) for tests that bring their own notification server
// or none: the bus at a path of the test's choosing, so a test can start it after a client
// began looking for it, or stop it and start it again at the same address.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busConfig } from './notification-daemon.js';

export interface PrivateBus {
  address: string;
  /** process.env with DBUS_SESSION_BUS_ADDRESS on this bus. */
  env: NodeJS.ProcessEnv;
  pid: number;
  /** Ends the bus daemon (its clients see the connection close); the folder stays. */
  stop(): Promise<void>;
}

/** A folder for a bus socket, `address` in it, and what removes it. */
export async function busFolder(): Promise<{
  dir: string;
  address: string;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-bus-'));
  return {
    dir,
    address: `unix:path=${join(dir, 'bus')}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Starts dbus-daemon listening on `address` (a `unix:path=` inside `dir`). */
export async function startPrivateBus(dir: string, address: string): Promise<PrivateBus> {
  const config = join(dir, 'bus.conf');
  await writeFile(config, busConfig(dir, address));
  const child = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`dbus-daemon did not start: ${err}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve(out.trim());
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited: ${err}`));
    });
  });
  if (!printed.startsWith('unix:')) throw new Error(`dbus-daemon printed no address: ${printed}`);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    address,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address },
    pid: child.pid!,
    stop: () => {
      process.removeListener('exit', killOnExit);
      return stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
