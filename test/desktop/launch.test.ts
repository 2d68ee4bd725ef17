// How the demo runs a second Tidings: its own data folder, settings imported at start.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchOptions } from '../../app/desktop/launch-options.js';
import { exportSettings, importSettingsFrom } from '../../app/desktop/settings-transfer.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';

describe('launch options', () => {
  it('reads the data folder and the settings to import, ignoring everything else', () => {
    const argv = [
      '/usr/bin/electron',
      '.',
      '--data-dir=/tmp/demo',
      '--import-settings=/tmp/s.json',
    ];
    expect(launchOptions(argv)).toEqual({ dataDir: '/tmp/demo', importSettings: '/tmp/s.json' });
    expect(
      launchOptions(['electron', '.', '--data-dir=', '--hidden', 'tidings://settings']),
    ).toEqual({});
  });
});

describe('importing settings at start', () => {
  let app: DesktopHarness | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('replaces the settings with the file and keeps its password out of settings.json', async () => {
    app = startDesktop({
      createConnector: () => ({ connect: () => new Promise(() => {}), close: async () => {} }),
    });
    const file = join(app.dir, 'demo-settings.json');
    const account = {
      id: 'demo-dino',
      type: 'dino',
      broker: 'mqtt://127.0.0.1:1',
      userId: '1001',
      auth: { username: '1001', password: 'demo-secret-password' },
    };
    writeFileSync(file, JSON.stringify({ version: 1, accounts: [account] }));

    const result = await importSettingsFrom(app.controller, file);

    expect(result).toEqual({ ok: true });
    expect(app.controller.snapshot().accounts.map((a) => a.id)).toEqual(['demo-dino']);
    expect(app.readFile('settings.json')).not.toContain('demo-secret-password');
  });

  it('says what is wrong with a file that does not validate, and changes nothing', async () => {
    app = startDesktop();
    const file = join(app.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, accounts: [{ id: 'x', type: 'irc' }] }));

    const result = await importSettingsFrom(app.controller, file);

    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('expected a type: rocketchat, 3drepo, dino, kuzzle');
    expect(app.controller.snapshot().accounts).toEqual([]);
  });

  it('a file that went away, a folder, or text that is not JSON: said in words, naming the file', async () => {
    app = startDesktop();
    const errorOf = async (path: string) => {
      const result = await importSettingsFrom(app!.controller, path);
      if (result.ok) throw new Error(`expected ${path} to be refused`);
      return result.errors;
    };
    expect(await errorOf(join(app.dir, 'gone.json'))).toEqual([
      { field: '', message: 'That file no longer exists: gone.json' },
    ]);
    mkdirSync(join(app.dir, 'exports.json'));
    expect(await errorOf(join(app.dir, 'exports.json'))).toEqual([
      { field: '', message: 'exports.json is a folder, not a settings file' },
    ]);
    writeFileSync(join(app.dir, 'edited.json'), '{\n  "version": 1,\n  "accounts": [,]\n}\n');
    expect(await errorOf(join(app.dir, 'edited.json'))).toEqual([
      {
        field: '',
        message:
          "edited.json is not a settings file Tidings can read: it has a mistake on line 3, column 16 (Unexpected token ',')",
      },
    ]);
    expect(app.controller.snapshot().accounts).toEqual([]);
  });

  it('an export over a folder of that name says so, without a raw error', async () => {
    app = startDesktop();
    mkdirSync(app.transferFile);
    expect(await exportSettings(app.controller, false)).toEqual({
      ok: false,
      message: 'transfer.json is a folder: choose another name for the file.',
    });
  });
});
