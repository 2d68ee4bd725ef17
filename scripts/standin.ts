// `npm start -- --standin`: the built desktop app on the Electron stand-in (test/electron-standin),
// for a machine where Electron's binary is not installed. There is no status area here, so this
// prints what a user would see: the tray's tooltip and menu as text whenever they change, each
// notification (title, body, buttons), windows shown and links opened. A line typed on stdin
// clicks a tray item by its labels, or their start ("Do not disturb > For 1 hour", "Rocket > Mark
// all"); an empty line prints the menu again. Without a session bus (no desktop) the notifications go to a notification server
// of our own on a private bus, so they are printed too; on a desktop they pop up there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { busConfig } from '../test/support/notification-daemon.js';
import { resolveMenuPath } from './menu-path.js';
import {
  startTestNotificationServer,
  type ServedNotification,
  type TestNotificationServer,
} from '../test/support/test-notification-server.js';

/** A tray that keeps changing (a countdown) is printed at most this often. */
const TRAY_PRINT_MS = 3000;
/** The app builds its tray in steps (icon, tooltip, menu): the menu is printed once it settles. */
const TRAY_SETTLE_MS = 300;

const say = (text: string) => process.stderr.write(`${text}\n`);

/** "Mark as read" and "Mute 1 hour" as buttons; the click on the notification itself is not one. */
export function notificationText(n: Pick<ServedNotification, 'summary' | 'body' | 'actions'>) {
  const buttons: string[] = [];
  for (let i = 0; i + 1 < n.actions.length; i += 2)
    if (n.actions[i] !== 'default') buttons.push(`[${n.actions[i + 1]}]`);
  return [
    `notification: ${n.summary}`,
    ...n.body.split('\n').map((line) => `  ${line}`),
    ...(buttons.length > 0 ? [`  ${buttons.join(' ')}`] : []),
  ].join('\n');
}

/**
 * The stand-in's keyring is a password file, not the login keyring, so what it encrypts in a data
 * folder only it can read again: it gets a folder of its own (`~/.cache/tidings-standin`) unless
 * `--data-dir` names one, and keeps its keyring there, never in the real app's data folder.
 */
export function standinFolders(
  appArgs: readonly string[],
  env: NodeJS.ProcessEnv,
): { args: string[]; keyring: string; note?: string } {
  const given = appArgs.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const dir = given || join(homedir(), '.cache', 'tidings-standin');
  const keyring = env.TIDINGS_STANDIN_KEYRING ?? join(dir, 'standin-keyring');
  if (given) return { args: [...appArgs], keyring };
  return {
    args: [...appArgs, `--data-dir=${dir}`],
    keyring,
    note: `standin: data folder ${dir} (your own Tidings settings are not touched)`,
  };
}

async function privateBus(dir: string): Promise<{ address: string; daemon: ChildProcess }> {
  const config = join(dir, 'bus.conf');
  writeFileSync(config, busConfig(dir));
  const daemon = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1'], {
    // Its stderr is only its complaint that it may not raise its fd limit, which changes nothing.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    daemon.once('error', reject);
    createInterface({ input: daemon.stdout! }).once('line', (line) => resolve(line.trim()));
  });
  return { address, daemon };
}

export async function runOnStandin(root: string, appArgs: readonly string[]): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'tidings-standin-'));
  const control = join(home, 'control.sock');
  const own = standinFolders(appArgs, process.env);
  if (own.note) say(own.note);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TIDINGS_STANDIN_CONTROL: control,
    TIDINGS_STANDIN_KEYRING: own.keyring,
  };
  let bus: ChildProcess | undefined;
  let server: TestNotificationServer | undefined;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    try {
      const started = await privateBus(home);
      bus = started.daemon;
      server = await startTestNotificationServer(started.address, ['actions', 'body']);
      env.DBUS_SESSION_BUS_ADDRESS = started.address;
      say('standin: no desktop session bus: notifications are printed here');
    } catch (error) {
      say(`standin: no session bus and none could start (${String(error)}): no notifications`);
    }
  }

  let socket: Socket | undefined;
  let shownTray = '';
  let latestTray = '';
  let latestMenu: string[] = [];
  let trayTimer: NodeJS.Timeout | undefined;
  let lastPrint = 0;
  /** What each window last showed, so a window is said when it is shown or shows another page. */
  const windows = new Map<number, string>();
  const printTray = () => {
    trayTimer = undefined;
    if (latestTray === shownTray) return;
    shownTray = latestTray;
    lastPrint = Date.now();
    say(latestTray);
  };
  const onEvent = (event: Record<string, unknown>) => {
    switch (event.event) {
      case 'tray': {
        latestMenu = event.menu as string[];
        const menu = latestMenu.map((line) => `  ${line}`);
        latestTray = [`tray: ${String(event.tooltip)}`, ...menu].join('\n');
        if (trayTimer === undefined)
          trayTimer = setTimeout(
            printTray,
            Math.max(TRAY_SETTLE_MS, lastPrint + TRAY_PRINT_MS - Date.now()),
          );
        return;
      }
      case 'window': {
        const shown = event.visible && !event.destroyed;
        const line = `window: ${String(event.title)} (${String(event.url)})`;
        if (shown && windows.get(Number(event.id)) !== line) say(line);
        windows.set(Number(event.id), shown ? line : '');
        return;
      }
      case 'open-external':
        say(`opened in the browser: ${String(event.url)}`);
        return;
      case 'notification':
        say(
          notificationText({ summary: String(event.title), body: String(event.body), actions: [] }),
        );
        return;
      case 'page-error':
      case 'unhandled-rejection':
        say(`standin: ${event.event}: ${JSON.stringify(event)}`);
    }
  };
  const control$ = createServer((connection) => {
    socket = connection;
    connection.setEncoding('utf8');
    createInterface({ input: connection }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      if (typeof message.event === 'string') onEvent(message);
      else if (message.ok === false) say(`standin: ${String(message.error)}`);
    });
    connection.on('error', () => {});
  });
  await new Promise<void>((resolve) => control$.listen(control, resolve));
  let shownNotifications = 0;
  const notifications = setInterval(() => {
    const received = server?.received() ?? [];
    for (const n of received.slice(shownNotifications)) say(notificationText(n));
    shownNotifications = received.length;
  }, 250);

  const app = spawn(
    process.execPath,
    ['--import', './test/electron-standin/register.js', 'dist/app/desktop/main.js', ...own.args],
    { cwd: root, env: { ...env, NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  let commands = 0;
  const input =
    process.stdin.isTTY || process.env.TIDINGS_STANDIN_STDIN ? process.stdin : undefined;
  input?.setEncoding('utf8');
  const lines = input ? createInterface({ input }) : undefined;
  lines?.on('line', (line) => {
    if (line.trim() === '') return say(latestTray);
    const labels = resolveMenuPath(latestMenu, line);
    if (!labels) return say(`standin: no single tray item "${line.trim()}" (Enter shows the menu)`);
    socket?.write(`${JSON.stringify({ id: ++commands, op: 'clickTrayMenu', labels })}\n`);
  });
  const stop = () => app.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  say('standin: the tray menu is printed below as it changes; type a path of labels (or their');
  say('         start) to click one: "Do not disturb > For 1 hour", "Settings"; Enter alone');
  say('         prints the menu again, Ctrl-C quits');

  const code = await new Promise<number>((resolve) =>
    app.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))),
  );
  say(`standin: the app exited (${code})`);
  lines?.close();
  clearInterval(notifications);
  if (trayTimer) clearTimeout(trayTimer);
  control$.close();
  await server?.stop();
  bus?.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
  return code;
}

// `node --import tsx scripts/standin.ts ARGS`: the same on what is built already, without a build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(await runOnStandin(process.cwd(), process.argv.slice(2)));
