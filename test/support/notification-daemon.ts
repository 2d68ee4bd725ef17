// Test harness: a real, private Linux notification stack (Xvfb + session D-Bus + dunst) so tests
// can prove that `notify-send` / libnotify notifications are delivered, without mocks.
//
// `{ dunst: false }` starts the private bus alone, for test-notification-server.ts to serve on.
//
// Everything lives in a fresh mkdtemp directory and on a display number chosen by Xvfb itself
// (-displayfd), so several test processes can run this harness at the same time.
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const NOTIFICATIONS_NAME = 'org.freedesktop.Notifications';
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 2_000;

export type Urgency = 'low' | 'normal' | 'critical';

/** One org.freedesktop.Notifications.Notify call, as seen on the private bus. */
export interface ReceivedNotification {
  appName: string;
  replacesId: number;
  appIcon: string;
  summary: string;
  body: string;
  actions: string[];
  urgency?: Urgency;
  /** The names of the hints sent, sorted (`urgency`, `desktop-entry`, `image-data`…). */
  hintNames: string[];
  /** The `desktop-entry` hint: the .desktop file's name without the suffix. */
  desktopEntry?: string;
  /** The `category` hint (`im.received`…). */
  category?: string;
  expireTimeout: number;
  /** Unique bus name of the caller (e.g. notify-send). */
  sender: string;
  /** Unique bus name the call was routed to; equals `daemonBusName` when dunst got it. */
  destination: string;
}

export interface NotificationDaemon {
  /** process.env plus DISPLAY and DBUS_SESSION_BUS_ADDRESS pointing at this private stack. */
  env: NodeJS.ProcessEnv;
  /**
   * Unique bus name (":1.N") of the dunst connection that owns org.freedesktop.Notifications;
   * empty without dunst.
   */
  daemonBusName: string;
  /** Temp dir holding the bus socket and configs; removed by stop(). */
  dir: string;
  /** PIDs of every process the harness started; all are gone after stop(). */
  pids: number[];
  received(): Promise<ReceivedNotification[]>;
  waitFor(
    predicate: (notification: ReceivedNotification) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedNotification>;
  stop(): Promise<void>;
}

/** A spawned process plus the tail of its output, kept for error messages. */
interface Tracked {
  name: string;
  child: ChildProcess;
  output: () => string;
}

export interface DaemonOptions {
  /**
   * false: the private bus (and its monitor) without dunst and Xvfb, for a test notification
   * server of ours to claim org.freedesktop.Notifications (see test-notification-server.ts).
   */
  dunst?: boolean;
}

export async function startNotificationDaemon(
  options: DaemonOptions = {},
): Promise<NotificationDaemon> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-notify-'));
  const started: Tracked[] = [];
  // If the test process exits without calling stop(), don't leave daemons behind. Only sync work
  // is possible here; SIGTERM (not SIGKILL) lets Xvfb remove its socket and lock file itself.
  const killOnExit = (): void => {
    started.forEach(({ child }) => child.kill('SIGTERM'));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const cleanup = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    for (const tracked of [...started].reverse()) await terminate(tracked.child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const withDunst = options.dunst ?? true;
    const display = withDunst ? await startXvfb(started) : '';
    const address = await startBus(dir, started);
    const monitor = await startMonitor(address, started);
    const daemonBusName = withDunst ? await startDunst(dir, display, address, started) : '';
    return createHandle({ dir, display, address, daemonBusName, monitor, started, cleanup });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

interface HandleParts {
  dir: string;
  display: string;
  address: string;
  daemonBusName: string;
  monitor: NotifyMonitor;
  started: Tracked[];
  cleanup: () => Promise<void>;
}

function createHandle(parts: HandleParts): NotificationDaemon {
  const { monitor } = parts;
  let stopping: Promise<void> | undefined;
  return {
    env: childEnv(parts.display, parts.address),
    daemonBusName: parts.daemonBusName,
    dir: parts.dir,
    pids: parts.started.map(({ child }) => child.pid).filter((pid) => pid !== undefined),
    received: () => Promise.resolve([...monitor.notifications]),
    waitFor: (predicate, timeoutMs = 5_000) => monitor.waitFor(predicate, timeoutMs),
    stop: () => {
      // Idempotent, so a failing test's afterEach and an explicit stop() can both call it.
      stopping ??= (async () => {
        monitor.close(new Error('notification daemon stopped'));
        await parts.cleanup();
      })();
      return stopping;
    },
  };
}

function childEnv(display: string, address: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: display,
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  if (!display) delete env.DISPLAY;
  // A developer's Wayland session would otherwise pull GUI children away from our Xvfb.
  delete env.WAYLAND_DISPLAY;
  return env;
}

// ---------------------------------------------------------------------------------------------
// Process startup

async function startXvfb(started: Tracked[]): Promise<string> {
  // -displayfd makes Xvfb pick a free display itself and write its number to fd 3 once it is
  // ready to accept clients: no guessing, no race with parallel runs.
  const args = ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'];
  const xvfb = track(started, 'Xvfb', args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const line = await firstLine(xvfb, xvfb.child.stdio[3] as Readable);
  return `:${line.trim()}`;
}

async function startBus(dir: string, started: Tracked[]): Promise<string> {
  const configFile = join(dir, 'bus.conf');
  await writeFile(configFile, busConfig(dir));
  const args = ['--config-file', configFile, '--nofork', '--print-address=1'];
  const bus = track(started, 'dbus-daemon', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = (await firstLine(bus, bus.child.stdout as Readable)).trim();
  if (!address.startsWith('unix:')) throw new Error(`dbus-daemon printed no address: ${address}`);
  return address;
}

// A private config instead of the stock session.conf: it has no <servicedir>, so the bus can
// never D-Bus-activate a stray, untracked notification daemon (dunst ships a .service file).
// `listen` is a socket in `dir` unless a test needs a fixed one (test/support/private-bus.ts).
export function busConfig(dir: string, listen = `unix:dir=${dir}`): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>${listen}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

async function startMonitor(address: string, started: Tracked[]): Promise<NotifyMonitor> {
  const rule = `type='method_call',interface='${NOTIFICATIONS_NAME}',member='Notify'`;
  const args = ['--binary', '--address', address, rule];
  const stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe'];
  // Its stdout is binary D-Bus messages, which NotifyMonitor consumes; keep only stderr for logs.
  const tracked = track(started, 'dbus-monitor', args, { stdio }, false);
  const monitor = new NotifyMonitor(tracked.child.stdout as Readable);
  await monitor.ready(tracked);
  return monitor;
}

async function startDunst(
  dir: string,
  display: string,
  address: string,
  started: Tracked[],
): Promise<string> {
  const rcFile = join(dir, 'dunstrc');
  // icon_position=off avoids icon-theme lookups (and their warnings) on bare CI images.
  await writeFile(rcFile, '[global]\n    icon_position = off\n');
  // A minimal env: HOME/XDG_CONFIG_HOME point at the temp dir so no user dunstrc leaks in, and
  // no WAYLAND_DISPLAY so dunst uses the Xvfb display (it aborts without a usable display).
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    DISPLAY: display,
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  const dunst = track(started, 'dunst', ['-config', rcFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  await waitForNameOwner(dunst, address);
  return getNameOwner(address);
}

async function waitForNameOwner(dunst: Tracked, address: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    assertRunning(dunst);
    if ((await busCall(address, 'NameHasOwner')).includes('boolean true')) return;
    await sleep(50);
  }
  throw new Error(`dunst did not claim ${NOTIFICATIONS_NAME}: ${dunst.output()}`);
}

async function getNameOwner(address: string): Promise<string> {
  const reply = await busCall(address, 'GetNameOwner');
  const owner = /string "([^"]+)"/.exec(reply)?.[1];
  if (owner === undefined) throw new Error(`unexpected GetNameOwner reply: ${reply}`);
  return owner;
}

async function busCall(address: string, method: string): Promise<string> {
  const { stdout } = await execFileAsync('dbus-send', [
    `--bus=${address}`, // --bus, not --address: the latter skips Hello and is refused
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    `org.freedesktop.DBus.${method}`,
    `string:${NOTIFICATIONS_NAME}`,
  ]);
  return stdout;
}

// ---------------------------------------------------------------------------------------------
// Process helpers

function track(
  started: Tracked[],
  name: string,
  args: string[],
  options: SpawnOptions,
  captureStdout = true,
): Tracked {
  const child = spawn(name, args, options);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  if (captureStdout) child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Without a listener, ENOENT (package not installed) would crash the test worker.
  child.on('error', (error) => keep(Buffer.from(`\n${error.message}`)));
  const tracked = { name, child, output: () => output };
  started.push(tracked);
  return tracked;
}

function assertRunning({ name, child, output }: Tracked): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    const hint = child.pid === undefined ? ' (could not be spawned: is it installed?)' : '';
    throw new Error(`${name} is not running${hint}: ${output()}`);
  }
}

/** Resolves with the first line on `stream`, or rejects if the process dies or times out. */
function firstLine(tracked: Tracked, stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      tracked.child.removeListener('close', onClose);
      tracked.child.removeListener('error', onClose);
      if (error) reject(error);
      else resolve(text.slice(0, text.indexOf('\n')));
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('\n')) finish();
    };
    const onClose = (): void => finish(new Error(`${tracked.name} exited: ${tracked.output()}`));
    const timer = setTimeout(
      () => finish(new Error(`${tracked.name} did not start: ${tracked.output()}`)),
      STARTUP_TIMEOUT_MS,
    );
    stream.on('data', onData);
    tracked.child.once('close', onClose);
    tracked.child.once('error', onClose);
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return; // never spawned (e.g. ENOENT)
  if (await killAndWait(child, 'SIGTERM', STOP_GRACE_MS)) return;
  await killAndWait(child, 'SIGKILL', STOP_GRACE_MS);
}

/** Sends `signal` and waits for the exit; true when the process is gone. */
function killAndWait(child: ChildProcess, signal: NodeJS.Signals, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.kill(signal);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Decoding `dbus-monitor --binary` output
//
// dbus-monitor's text mode prints strings unescaped, which makes a summary containing `"` plus a
// newline ambiguous. Its binary mode writes each message in D-Bus wire format instead, and the
// small unmarshaller below recovers the exact Notify arguments.

interface WireMessage {
  type: number;
  fields: Map<number, unknown>;
  body: unknown[];
}

const METHOD_CALL = 1;
const SIGNAL = 4;
const FIELD = { interface: 2, member: 3, destination: 6, sender: 7, signature: 8 } as const;
const NOTIFY_SIGNATURE = 'susssasa{sv}i';
const URGENCIES: readonly Urgency[] = ['low', 'normal', 'critical'];

/** Byte length of the complete message at the start of `buffer`, or undefined if incomplete. */
function messageLength(buffer: Buffer): number | undefined {
  if (buffer.length < 16) return undefined;
  const endian = String.fromCharCode(buffer[0] ?? 0);
  if (endian !== 'l' && endian !== 'B') throw new Error('dbus-monitor stream out of sync');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const bodyLength = view.getUint32(4, endian === 'l');
  const fieldsLength = view.getUint32(12, endian === 'l');
  const total = alignTo(16 + fieldsLength, 8) + bodyLength;
  return buffer.length >= total ? total : undefined;
}

function decodeMessage(message: Buffer): WireMessage {
  const reader = new WireReader(message, message[0] === 0x6c /* 'l' */, 12);
  const fields = new Map(reader.read('a(yv)') as [number, unknown][]);
  reader.align(8); // the body starts on an 8-byte boundary
  const signature = fields.get(FIELD.signature);
  const body = typeof signature === 'string' ? reader.readAll(signature) : [];
  return { type: message[1] ?? 0, fields, body };
}

function toNotification(message: WireMessage): ReceivedNotification | undefined {
  const { fields, body } = message;
  const isNotify =
    message.type === METHOD_CALL &&
    fields.get(FIELD.interface) === NOTIFICATIONS_NAME &&
    fields.get(FIELD.member) === 'Notify' &&
    fields.get(FIELD.signature) === NOTIFY_SIGNATURE;
  if (!isNotify) return undefined;
  const hints = new Map(body[6] as [string, unknown][]);
  const urgency = hints.get('urgency');
  return {
    appName: String(body[0]),
    replacesId: Number(body[1]),
    appIcon: String(body[2]),
    summary: String(body[3]),
    body: String(body[4]),
    actions: (body[5] as unknown[]).map(String),
    urgency: typeof urgency === 'number' ? URGENCIES[urgency] : undefined,
    hintNames: [...hints.keys()].sort(),
    ...(typeof hints.get('desktop-entry') === 'string' && {
      desktopEntry: hints.get('desktop-entry') as string,
    }),
    ...(typeof hints.get('category') === 'string' && {
      category: hints.get('category') as string,
    }),
    expireTimeout: Number(body[7]),
    sender: String(fields.get(FIELD.sender)),
    destination: String(fields.get(FIELD.destination)),
  };
}

function alignTo(offset: number, boundary: number): number {
  return Math.ceil(offset / boundary) * boundary;
}

/** Splits a D-Bus signature into its complete types, e.g. 'sa{sv}i' -> ['s', 'a{sv}', 'i']. */
function splitSignature(signature: string): string[] {
  const types: string[] = [];
  for (let start = 0; start < signature.length;) {
    const end = completeTypeEnd(signature, start);
    types.push(signature.slice(start, end));
    start = end;
  }
  return types;
}

function completeTypeEnd(signature: string, start: number): number {
  const code = signature[start];
  if (code === 'a') return completeTypeEnd(signature, start + 1);
  if (code !== '(' && code !== '{') return start + 1;
  let depth = 0;
  for (let i = start; i < signature.length; i++) {
    if (signature[i] === '(' || signature[i] === '{') depth++;
    if ((signature[i] === ')' || signature[i] === '}') && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced D-Bus signature: ${signature}`);
}

// Alignment of each type code; everything not listed (b i u h s o a) aligns to 4 bytes.
const ALIGNMENT: Record<string, number> = {
  y: 1,
  g: 1,
  v: 1,
  n: 2,
  q: 2,
  x: 8,
  t: 8,
  d: 8,
  '(': 8,
  '{': 8,
};

/** Reads D-Bus wire-format values; offsets (and so alignment) are relative to message start. */
class WireReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Buffer,
    private readonly little: boolean,
    private pos: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  align(boundary: number): void {
    this.pos = alignTo(this.pos, boundary);
  }

  readAll(signature: string): unknown[] {
    return splitSignature(signature).map((type) => this.read(type));
  }

  /** Reads one complete type; dict entries become [key, value] pairs, variants their value. */
  read(type: string): unknown {
    const le = this.little;
    switch (type[0]) {
      case 'y':
        return this.view.getUint8(this.take(1));
      case 'b':
        return this.view.getUint32(this.take(4), le) !== 0;
      case 'n':
        return this.view.getInt16(this.take(2), le);
      case 'q':
        return this.view.getUint16(this.take(2), le);
      case 'i':
        return this.view.getInt32(this.take(4), le);
      case 'u':
      case 'h':
        return this.view.getUint32(this.take(4), le);
      case 'x':
        return Number(this.view.getBigInt64(this.take(8), le));
      case 't':
        return Number(this.view.getBigUint64(this.take(8), le));
      case 'd':
        return this.view.getFloat64(this.take(8), le);
      case 's':
      case 'o':
        return this.text(this.view.getUint32(this.take(4), le));
      case 'g':
        return this.text(this.view.getUint8(this.take(1)));
      case 'v':
        return this.read(this.text(this.view.getUint8(this.take(1))));
      case 'a':
        return this.array(type.slice(1));
      case '(':
      case '{':
        this.align(8);
        return this.readAll(type.slice(1, -1));
      default:
        throw new Error(`unsupported D-Bus type: ${type}`);
    }
  }

  private array(elementType: string): unknown[] {
    const byteLength = this.view.getUint32(this.take(4), this.little);
    // Padding to the element alignment comes before the elements and is not counted in length.
    this.align(ALIGNMENT[elementType[0] ?? ''] ?? 4);
    const end = this.pos + byteLength;
    const items: unknown[] = [];
    while (this.pos < end) items.push(this.read(elementType));
    return items;
  }

  /** Aligns to `size`, then claims `size` bytes and returns their offset. */
  private take(size: number): number {
    this.align(size);
    const at = this.pos;
    this.pos += size;
    if (this.pos > this.bytes.length) throw new Error('truncated D-Bus message');
    return at;
  }

  /** A string of `length` bytes at the current position plus its trailing NUL. */
  private text(length: number): string {
    const value = this.bytes.toString('utf8', this.pos, this.pos + length);
    this.pos += length + 1;
    return value;
  }
}

interface Waiter {
  predicate: (notification: ReceivedNotification) => boolean;
  resolve: (notification: ReceivedNotification) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Collects Notify calls from `dbus-monitor --binary` and lets tests wait for them. */
class NotifyMonitor {
  readonly notifications: ReceivedNotification[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  private isMonitoring = false;
  private onMonitoring: (() => void) | undefined;

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  ready(tracked: Tracked): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`dbus-monitor did not become a monitor: ${tracked.output()}`)),
        STARTUP_TIMEOUT_MS,
      );
      const onClose = (): void => reject(new Error(`dbus-monitor exited: ${tracked.output()}`));
      tracked.child.once('close', onClose);
      this.onMonitoring = () => {
        clearTimeout(timer);
        tracked.child.removeListener('close', onClose);
        resolve();
      };
      if (this.isMonitoring) this.onMonitoring();
    });
  }

  waitFor(
    predicate: (notification: ReceivedNotification) => boolean,
    timeoutMs: number,
  ): Promise<ReceivedNotification> {
    const found = this.notifications.find(predicate);
    if (found) return Promise.resolve(found);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = JSON.stringify(this.notifications, null, 2);
        reject(new Error(`no matching notification within ${timeoutMs} ms; received: ${seen}`));
      }, timeoutMs);
      const waiter: Waiter = { predicate, resolve, reject, timer };
      this.waiters.push(waiter);
    });
  }

  /** Rejects every pending and future waitFor() with `error`. */
  close(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(this.failure);
    }
    this.waiters = [];
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    try {
      for (let length = messageLength(this.buffer); length !== undefined;) {
        this.handle(decodeMessage(this.buffer.subarray(0, length)));
        this.buffer = this.buffer.subarray(length);
        length = messageLength(this.buffer);
      }
    } catch (error) {
      // Throwing from a stream listener would crash the test worker; fail the waiters instead.
      this.close(new Error(`cannot decode dbus-monitor output: ${String(error)}`));
    }
  }

  private handle(message: WireMessage): void {
    // dbus-monitor loses its own unique name when BecomeMonitor succeeds; seeing that NameLost
    // signal means every later Notify call will be captured.
    if (message.type === SIGNAL && message.fields.get(FIELD.member) === 'NameLost') {
      this.isMonitoring = true;
      this.onMonitoring?.();
    }
    const notification = toNotification(message);
    if (notification) this.deliver(notification);
  }

  private deliver(notification: ReceivedNotification): void {
    this.notifications.push(notification);
    const matched = this.waiters.filter((w) => w.predicate(notification));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) {
      clearTimeout(waiter.timer);
      waiter.resolve(notification);
    }
  }
}
