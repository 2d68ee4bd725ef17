// `npm start` as a newcomer runs it on a machine without Electron's binary (this one): it says so
// in words and what to do next, instead of Electron's download attempt and stack trace; and
// `--standin` shows the app there, its tray printed as text and clickable from stdin.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary.js';
import { resolveMenuPath } from '../../scripts/menu-path.js';
import { notificationText, standinFolders } from '../../scripts/standin.js';
import { REPO_ROOT } from '../support/cli-process.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-start-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waitFor = async (text: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (child.exitCode !== null || Date.now() > until)
        throw new Error(`no "${text}" in:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe('npm start without Electron', () => {
  it('says in words that Electron is missing and how to go on, with no stack trace', async () => {
    const env = {
      ...process.env,
      // Where Electron's binary would be: an empty folder, so this holds on any machine.
      ELECTRON_OVERRIDE_DIST_PATH: tempDir(),
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    };
    const start = run('npm', ['start', '--silent'], env);
    expect(await start.exited).toBe(1);
    expect(start.output()).toContain("Electron's binary is not installed");
    expect(start.output()).toContain('npm start -- --standin');
    expect(start.output()).toContain('npm run --silent headless -- --config tidings.example.json');
    expect(start.output()).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('finds the binary where electron/install.js leaves it, and only there', () => {
    const root = tempDir();
    const dir = join(root, 'node_modules', 'electron');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    expect(electronBinary(root, {})).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(root, {})).toBeUndefined();
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(root, {})).toBe(join(dir, 'dist', 'electron'));
  });
});

describe('the app on the stand-in (npm start -- --standin)', () => {
  it('prints the first-run tray as text and quits from a typed menu path', async () => {
    const home = tempDir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: join(home, 'config'),
      TIDINGS_STANDIN_KEYRING: join(home, 'keyring'),
      TIDINGS_STANDIN_STDIN: '1',
    };
    // No desktop: the notifications go to a server of its own on a private bus.
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const app = run(
      process.execPath,
      ['--import', 'tsx', 'scripts/standin.ts', `--data-dir=${join(home, 'data')}`],
      env,
    );
    await app.waitFor('  Add an account…');
    expect(app.output()).toContain('tray: Tidings — no accounts yet');
    expect(app.output()).toContain('notifications are printed here');
    app.child.stdin.write('Quit\n');
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('standin: the app exited (0)');
  }, 60_000);

  it("never runs on the real app's data folder: its own, unless --data-dir names one", () => {
    const own = standinFolders([], { HOME: '/home/ann' });
    expect(own.args).toEqual([expect.stringMatching(/^--data-dir=.*\/\.cache\/tidings-standin$/)]);
    expect(own.keyring).toMatch(/\/\.cache\/tidings-standin\/standin-keyring$/);
    expect(own.note).toContain('your own Tidings settings are not touched');
    const given = standinFolders(['--data-dir=/tmp/t'], {});
    expect(given).toEqual({ args: ['--data-dir=/tmp/t'], keyring: '/tmp/t/standin-keyring' });
  });

  it('prints a notification as a user reads it: title, body, its buttons', () => {
    const actions = ['default', 'Open', 'mark-read', 'Mark as read', 'mute-1h', 'Mute 1 hour'];
    expect(notificationText({ summary: 'bob in #general', body: 'lunch?\nat 12', actions })).toBe(
      'notification: bob in #general\n  lunch?\n  at 12\n  [Mark as read] [Mute 1 hour]',
    );
  });
});

describe('a typed tray path', () => {
  const menu = [
    'Rocket.Chat (team): online — 3 unread, 1 mention',
    '  Open',
    '  Mark all as read',
    'Rocket.Chat (ops): online',
    '  Mark all as read (disabled)',
    '---',
    'Do not disturb',
    '  [x] Off',
    '  [ ] For 30 minutes',
    '  [ ] For 1 hour',
    'Settings…',
  ];

  it('names items by their label or its start, checkmarks and "(disabled)" aside', () => {
    expect(resolveMenuPath(menu, 'Do not disturb > For 1 hour')).toEqual([
      'Do not disturb',
      'For 1 hour',
    ]);
    expect(resolveMenuPath(menu, 'Rocket.Chat (team) > Mark')).toEqual([
      'Rocket.Chat (team): online — 3 unread, 1 mention',
      'Mark all as read',
    ]);
    expect(resolveMenuPath(menu, 'Settings')).toEqual(['Settings…']);
    expect(resolveMenuPath(menu, 'Do not disturb > Off')).toEqual(['Do not disturb', 'Off']);
  });

  it('refuses a start that fits several items, or none', () => {
    expect(resolveMenuPath(menu, 'Rocket')).toBeUndefined();
    expect(resolveMenuPath(menu, 'Quit')).toBeUndefined();
  });
});
