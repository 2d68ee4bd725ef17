// `npm run demo`: Tidings working with no server of your own. It starts a test server for each
// protocol on loopback, writes a settings file with one demo account for each, launches the app
// with it (`--headless`: the headless CLI, whose lines it prints; else the desktop app, whose log
// file it follows) and plays realistic traffic: once when an account comes online, then again
// every so often. In both modes one plain line on stderr says when every account is online, or
// which are not after 30 s. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SETTINGS_VERSION, type SettingsInput } from '../app/core/settings/schema.js';
import { desktopCommand } from './desktop-command.js';
import { followStatusLog } from './desktop-status.js';
import { watchOnline } from './online-watch.js';
import { demoSources } from './sources.js';
import type { DemoSource } from './source.js';

/** How often the traffic plays again after the first round. */
const REPLAY_MS = 45_000;

const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false } } });
const say = (text: string) => process.stderr.write(`demo: ${text}\n`);

const sources = await demoSources(say);
const dir = await mkdtemp(join(tmpdir(), 'tidings-demo-'));
const settingsFile = join(dir, 'settings.json');
const settings: SettingsInput = {
  version: SETTINGS_VERSION,
  accounts: sources.map((source) => source.account),
  notifications: { coalesceMs: 3000 },
};
await writeFile(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
say(`settings: ${settingsFile}`);
for (const source of sources) say(`${source.name}: account "${source.account.id}"`);

const timers: NodeJS.Timeout[] = [];
const played = new Set<string>();
function startPlaying(source: DemoSource): void {
  if (played.has(source.account.id)) return;
  played.add(source.account.id);
  const play = () =>
    source.play().catch((error: unknown) => say(`${source.name} traffic failed: ${String(error)}`));
  void play();
  timers.push(setInterval(play, REPLAY_MS));
}

const online = watchOnline(
  sources.map((s) => s.account.id),
  say,
);
/** An account's state changed: said once all are online, and its traffic starts when it is. */
function status(account: string, state: string): void {
  online.status(account, state);
  const source = sources.find((s) => s.account.id === account);
  if (state === 'online' && source) startPlaying(source);
}

let app: ChildProcess;
if (values.headless) {
  app = spawn(
    process.execPath,
    ['--import', 'tsx', 'app/headless/main.ts', '--config', settingsFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Print the app's lines as they are, and play each account's traffic once it is online.
  createInterface({ input: app.stdout! }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    try {
      const parsed = JSON.parse(line) as { type?: string; account?: string; state?: string };
      if (parsed.type === 'status' && parsed.account && parsed.state)
        status(parsed.account, parsed.state);
    } catch {
      // Not a JSON line: printed above all the same.
    }
  });
} else {
  // A Tidings of its own beside the user's: its own data folder, the demo settings imported.
  const dataDir = join(dir, 'app');
  const args = [`--data-dir=${dataDir}`, `--import-settings=${settingsFile}`];
  const desktop = desktopCommand(process.cwd(), process.env);
  if (desktop.note) say(desktop.note);
  const [command = 'npm', ...before] = desktop.command;
  app = spawn(command, [...before, ...args], { stdio: 'inherit' });
  const log = followStatusLog(join(dataDir, 'logs', 'tidings.log'), status);
  app.once('exit', () => log.stop());
}
app.once('exit', () => online.stop());

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  timers.forEach((timer) => clearTimeout(timer));
  if (app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  }
  await Promise.allSettled(sources.map((source) => source.stop()));
  await rm(dir, { recursive: true, force: true });
  process.exit(code);
}
app.once('exit', (code) => {
  if (!stopping) say(`the app exited (${code ?? 'signal'})`);
  void stop(code ?? 0);
});
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
