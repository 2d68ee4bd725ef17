// The built desktop app (dist/app/desktop/main.js) in a child process on the Electron stand-in
// (test/electron-standin), driven as a user and the OS would: the test reads the tray, windows,
// links opened and dialogs from the stand-in's events, clicks tray items, powers the machine
// down and up, and drives the settings window's page over CDP with its own Playwright.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { vi } from 'vitest';
import { fromCarrier } from '../electron-standin/scheme-map.ts';

const ROOT = process.cwd();
const REGISTER = join(ROOT, 'test', 'electron-standin', 'register.js');
const MAIN = join(ROOT, 'dist', 'app', 'desktop', 'main.js');
const STOP_GRACE_MS = 10_000;
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export type StandinEvent = Record<string, unknown> & { event: string };

export interface WindowState {
  id: number;
  webContentsId: number;
  partition: string;
  title: string;
  url: string;
  visible: boolean;
  destroyed: boolean;
}

export interface TrayState {
  tooltip: string;
  title: string;
  image: string;
  menu: string[];
  destroyed: boolean;
}

export interface LaunchOptions {
  /** The data folder (`--data-dir`); a fresh one when absent. */
  dataDir?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface StandinApp {
  dataDir: string;
  child: ChildProcess;
  events: StandinEvent[];
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  waitFor(predicate: (event: StandinEvent) => boolean, timeout?: number): Promise<StandinEvent>;
  command(op: string, args?: Record<string, unknown>): Promise<unknown>;
  tray(): TrayState | undefined;
  /** The tray menu as the user reads it, one item a line. */
  trayText(): string;
  clickTray(...labels: string[]): Promise<void>;
  windows(): WindowState[];
  /** The settings window's page (over CDP), once the window is open. */
  settingsPage(): Promise<Page>;
  /** Any window's page (over CDP) whose app URL starts so. */
  pageAt(urlPrefix: string): Promise<Page>;
  screenshot(windowId: number, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Waits (polling, no fixed sleeps) until the check passes. */
export const eventually = <T>(check: () => T | Promise<T>, timeout = 10_000) =>
  vi.waitFor(check, { timeout, interval: 50 });

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

export async function launchApp(options: LaunchOptions = {}): Promise<StandinApp> {
  const home = mkdtempSync(join(tmpdir(), 'tidings-standin-'));
  const dataDir = options.dataDir ?? join(home, 'data');
  const controlPath = join(home, 'control.sock');
  const server = await listen(controlPath);
  const events: StandinEvent[] = [];
  const listeners = new Set<() => void>();
  const answers = new Map<
    number,
    (answer: { ok: boolean; value?: unknown; error?: string }) => void
  >();
  let connection: Socket | undefined;
  let commands = 0;
  let browser: Browser | undefined;

  server.on('connection', (socket) => {
    connection = socket;
    socket.setEncoding('utf8');
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>;
        buffered = buffered.slice(newline + 1);
        if (typeof message.reply === 'number') answers.get(message.reply)?.(message as never);
        else {
          events.push(message as StandinEvent);
          listeners.forEach((l) => l());
        }
      }
    });
    socket.on('error', () => {});
  });

  let output = '';
  const child = spawn(
    process.execPath,
    ['--import', REGISTER, MAIN, `--data-dir=${dataDir}`, ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...options.env,
        TIDINGS_STANDIN_CONTROL: controlPath,
        TIDINGS_STANDIN_KEYRING: join(home, 'keyring'),
        XDG_CONFIG_HOME: join(home, 'config'),
        NODE_NO_WARNINGS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // A test process that dies without stop() must not leave the app running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve(code ?? signal ?? 'unknown');
    }),
  );

  const waitFor = (predicate: (event: StandinEvent) => boolean, timeout = 15_000) =>
    new Promise<StandinEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (!found) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        const seen = events.map((e) => JSON.stringify(e).slice(0, 200)).join('\n');
        reject(
          new Error(
            `no such stand-in event in ${timeout} ms; events:\n${seen}\napp output:\n${output.slice(-3000)}`,
          ),
        );
      }, timeout);
      if (!check()) listeners.add(check);
    });

  const command = (op: string, args: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      if (!connection) {
        reject(new Error('the app has not connected to the control channel'));
        return;
      }
      const id = ++commands;
      answers.set(id, (answer) => {
        answers.delete(id);
        if (answer.ok) resolve(answer.value);
        else reject(new Error(answer.error));
      });
      connection.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });

  const latest = <T>(kind: string, key = (e: StandinEvent) => String(e.id)) => {
    const byKey = new Map<string, T>();
    for (const e of events) if (e.event === kind) byKey.set(key(e), e as unknown as T);
    return [...byKey.values()];
  };

  const app: StandinApp = {
    dataDir,
    child,
    events,
    output: () => output,
    exited,
    waitFor,
    command,
    tray: () => latest<TrayState>('tray').at(-1),
    trayText: () => (app.tray()?.menu ?? []).join('\n'),
    clickTray: async (...labels) => {
      await command('clickTrayMenu', { labels });
    },
    windows: () => latest<WindowState>('window').filter((w) => !w.destroyed),
    settingsPage: () => app.pageAt('tidings-ui://settings/'),
    pageAt: async (urlPrefix) => {
      const ready = await waitFor((e) => e.event === 'ready');
      browser ??= await chromium.connectOverCDP(String(ready.cdpUrl));
      const connected = browser;
      return eventually(() => {
        const page = connected
          .contexts()
          .flatMap((c) => c.pages())
          .filter((p) => !p.isClosed() && fromCarrier(p.url()).startsWith(urlPrefix))
          .at(-1);
        if (!page) throw new Error(`no window shows ${urlPrefix}`);
        return page;
      });
    },
    screenshot: async (windowId, name) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await command('screenshot', { windowId, path: join(SCREENSHOTS, `${name}.png`) });
    },
    stop: async () => {
      await browser?.close().catch(() => {});
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
      server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return app;
}

/** The settings window, as the stand-in reports it. */
export function settingsWindow(app: StandinApp): WindowState | undefined {
  return app.windows().find((w) => w.url.startsWith('tidings-ui://settings/'));
}
