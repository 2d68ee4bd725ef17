// build/linux/tidings-headless.service: systemd's own checker reads it as a user unit, and the
// command it runs, run here from the built dist/ with the unit's specifiers filled in, shows
// notifications over D-Bus and stops cleanly on the SIGTERM `systemctl --user stop` sends.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli-process.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';

const UNIT = join(REPO_ROOT, 'build', 'linux', 'tidings-headless.service');
/** Where the deb and rpm put the app (electron-builder: /opt/<productName>). */
const INSTALLED_APP = '/opt/Tidings/resources/app.asar.unpacked';

/** The unit as section → key → values (a key may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const [key, ...rest] = line.split('=');
    if (!current || key === undefined) throw new Error(`not a unit line: ${line}`);
    current.set(key, [...(current.get(key) ?? []), rest.join('=')]);
  }
  return sections;
}

const unit = parseUnit(readFileSync(UNIT, 'utf8'));
const service = (key: string) => unit.get('Service')?.get(key);

async function verify(file: string): Promise<{ code: number; stderr: string }> {
  const runtime = mkdtempSync(join(tmpdir(), 'tidings-systemd-'));
  try {
    const { stderr } = await promisify(execFile)('systemd-analyze', ['--user', 'verify', file], {
      env: { ...process.env, XDG_RUNTIME_DIR: runtime },
    });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  } finally {
    rmSync(runtime, { recursive: true, force: true });
  }
}

describe('the headless user unit', () => {
  it('is a user unit systemd-analyze accepts without a warning', async () => {
    expect(await verify(UNIT)).toEqual({ code: 0, stderr: '' });
    // The checker does see mistakes (it warns and still exits 0): a broken copy is reported.
    const dir = mkdtempSync(join(tmpdir(), 'tidings-unit-'));
    const broken = join(dir, 'tidings-headless.service');
    writeFileSync(
      broken,
      readFileSync(UNIT, 'utf8').replace('Restart=on-failure', 'Restart=often'),
    );
    try {
      expect((await verify(broken)).stderr).toMatch(/restart specifier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the built CLI with node (no tsx), the D-Bus sink and a state folder; restarts on failure', () => {
    const [execStart] = service('ExecStart') ?? [];
    expect(execStart).toMatch(
      new RegExp(`^/usr/bin/env node ${INSTALLED_APP}/dist/app/headless/main\\.js `),
    );
    expect(execStart).toContain('--notify-send');
    expect(execStart).toContain('--state-dir=${STATE_DIRECTORY}');
    expect(execStart).not.toContain('tsx');
    // StateDirectory in a user unit is under $XDG_STATE_HOME.
    expect(service('StateDirectory')).toEqual(['tidings']);
    expect(service('Restart')).toEqual(['on-failure']);
    expect(service('RestartPreventExitStatus')).toEqual(['2']);
    expect(service('KillSignal')).toEqual(['SIGTERM']);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['default.target']);
  });
});

describe("the unit's command, run from the built dist/", () => {
  let daemon: NotificationDaemon;
  let home: string;
  beforeAll(async () => {
    daemon = await startNotificationDaemon();
    home = mkdtempSync(join(tmpdir(), 'tidings-unit-home-'));
  });
  afterAll(async () => {
    await daemon?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('starts, reaches the notification server, and exits 0 on SIGTERM', async () => {
    const config = join(home, 'config');
    const state = join(home, 'state', 'tidings');
    mkdirSync(join(config, 'tidings'), { recursive: true });
    mkdirSync(state, { recursive: true }); // systemd makes StateDirectory before ExecStart
    writeFileSync(
      join(config, 'tidings', 'headless.json'),
      JSON.stringify({ version: 1, accounts: [] }),
    );
    const [execStart] = service('ExecStart') ?? [];
    const args = execStart!
      .replaceAll('%E', config)
      .replaceAll('${STATE_DIRECTORY}', state)
      .replace(INSTALLED_APP, REPO_ROOT.replace(/\/$/, ''))
      .split(' ')
      .slice(2); // `/usr/bin/env node`: this test's node
    const cli = spawn(process.execPath, args, {
      env: daemon.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 20_000);
      cli.stderr.on('data', () => {
        if (!stderr.includes('info notification server')) return;
        clearTimeout(timer);
        resolve();
      });
    });
    // dunst's capabilities: the CLI reached it over the session bus.
    expect(stderr).toMatch(/notification server \{"capabilities":\[.*"actions"/);
    expect(existsSync(join(state, 'tidings-state.sqlite'))).toBe(true);
    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/shutting down.*SIGTERM/);
  });
});
