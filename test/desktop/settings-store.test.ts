import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/core/log.js';
import { openSettingsStore } from '../../app/desktop/storage/settings-store.js';
import { ipcMain, resetElectronDouble } from '../support/electron-double.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-settings-'));
  resetElectronDouble(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFileSync(file(name), text);
const asides = () => readdirSync(dir).filter((name) => name.includes('.unreadable-'));

const dino = {
  id: 'dino',
  type: 'dino',
  broker: 'mqtt://127.0.0.1:1883',
  userId: '1234',
  auth: { username: '1234', password: '(in the secure store)' },
};

describe('the settings file', () => {
  it('reads a file that starts with a UTF-8 byte order mark, and sets nothing aside', () => {
    write('settings.json', `\uFEFF${JSON.stringify({ version: 1, accounts: [dino] })}`);
    const { settings, problem } = openSettingsStore(dir, silentLogger).load();
    expect(problem).toBeUndefined();
    expect(settings.accounts.map((a) => a.id)).toEqual(['dino']);
    expect(asides()).toEqual([]);
  });

  it('migrates a file of the unnumbered format 0 and keeps the old one', () => {
    const old = {
      accounts: [dino],
      coalesceWindowMs: 2500,
      quietHours: [{ days: ['sat', 'sun'], from: '22:00', to: '08:00' }],
      mutedRooms: [{ account: 'dino', room: 'g1', until: '2030-01-01T00:00:00Z' }],
    };
    write('settings.json', JSON.stringify(old));

    const { settings, problem } = openSettingsStore(dir, silentLogger).load();

    expect(problem).toBeUndefined();
    expect(settings.version).toBe(1);
    expect(settings.notifications.coalesceMs).toBe(2500);
    expect(settings.notifications.dnd.quietHours).toEqual(old.quietHours);
    expect(settings.notifications.rules).toEqual([
      { account: 'dino', room: 'g1', muteUntil: '2030-01-01T00:00:00Z' },
    ]);
    // The file on disk is format 1 now; the format-0 original is kept beside it.
    expect(JSON.parse(readFileSync(file('settings.json'), 'utf8')).version).toBe(1);
    expect(JSON.parse(readFileSync(file('settings.v0.json'), 'utf8'))).toEqual(old);
    // electron-store wrote it, on the double (it registers its renderer listener there).
    expect(ipcMain.listenerCount('electron-store-get-data')).toBe(1);
  });

  it('sets a corrupt file aside, never overwrites it, and restores the last good copy', () => {
    const store = openSettingsStore(dir, silentLogger);
    const good = store.load().settings;
    store.save({ ...good, accounts: [{ ...dino, type: 'dino' } as never] });
    const corrupt = '{"version": 1, "accounts": [ {"id": "dino", "type": "di';
    write('settings.json', corrupt);

    const reopened = openSettingsStore(dir, silentLogger);
    const { settings, problem, problemDetail } = reopened.load();

    expect(settings.accounts.map((a) => a.id)).toEqual(['dino']);
    expect(problem).toBe(
      `The settings file has a mistake on line 1, column ${corrupt.length + 1}, so Tidings could not read it. Your last good settings were restored; nothing is lost.`,
    );
    expect(problemDetail).toMatch(
      /^not valid JSON: a mistake on line 1, column 56 \(Unterminated string\)\. The file was kept as .*settings\.unreadable-.*; the last good copy was restored\.$/,
    );
    const [aside] = asides();
    expect(readFileSync(file(aside!), 'utf8')).toBe(corrupt);
    // Saving again writes settings.json and leaves the set-aside file exactly as it was.
    reopened.save({ ...settings, notifications: { ...settings.notifications, coalesceMs: 5 } });
    expect(readFileSync(file(aside!), 'utf8')).toBe(corrupt);
    expect(JSON.parse(readFileSync(file('settings.json'), 'utf8')).notifications.coalesceMs).toBe(
      5,
    );
  });

  it('names the field of a file that fails the schema, and starts empty without a good copy', () => {
    write(
      'settings.json',
      JSON.stringify({ version: 1, accounts: [{ ...dino, broker: 'http://x' }] }),
    );

    const { settings, problem, problemDetail } = openSettingsStore(dir, silentLogger).load();

    expect(problem).toBe(
      'The settings file has a setting Tidings cannot use, so it could not be read: Account 1, broker: expected an mqtt://, mqtts://, ws:// or wss:// URL. Tidings started without accounts: fix the file and import it (General), or add your accounts again.',
    );
    expect(problemDetail).toMatch(
      /^accounts\[0\]\.broker: expected an mqtt:\/\/, .* The file was kept as .*settings\.unreadable-[^;]*\.$/,
    );
    expect(settings.accounts).toEqual([]);
    expect(existsSync(file('settings.json'))).toBe(false);
    expect(asides()).toHaveLength(1);
  });

  it('refuses a file from a newer Tidings instead of losing its fields', () => {
    const newer = JSON.stringify({ version: 2, accounts: [], future: true });
    write('settings.json', newer);

    const { problem } = openSettingsStore(dir, silentLogger).load();

    expect(problem).toContain('Version: format 2 was written by a newer Tidings');
    expect(readFileSync(file(asides()[0]!), 'utf8')).toBe(newer);
  });

  it('refuses to save settings that fail the schema', () => {
    const store = openSettingsStore(dir, silentLogger);
    const settings = store.load().settings;
    expect(() =>
      store.save({ ...settings, notifications: { ...settings.notifications, coalesceMs: -1 } }),
    ).toThrow(/notifications.coalesceMs/);
    expect(existsSync(file('settings.json'))).toBe(false);
  });
});
