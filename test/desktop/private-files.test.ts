// What the desktop app writes about its user (settings, secrets, the log) is for that user only:
// files 0600, folders 0700, including files an older Tidings left readable by everyone.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/core/log.js';
import { openLogFile } from '../../app/desktop/log-file.js';
import { SecretVault, type SecretCipher } from '../../app/desktop/storage/secret-vault.js';
import { openSettingsStore } from '../../app/desktop/storage/settings-store.js';
import { resetElectronDouble } from '../support/electron-double.js';

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-private-'));
  resetElectronDouble(dir);
  // The usual desktop umask: without care, new files come out 0644 and folders 0755.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

const plainCipher: SecretCipher = {
  isAvailable: () => true,
  encrypt: (text) => Buffer.from(text),
  decrypt: (data) => data.toString(),
  backend: () => 'gnome_libsecret',
};

describe("the desktop app's own files", () => {
  it('the settings file and its last good copy are readable by the user only', () => {
    const store = openSettingsStore(dir, silentLogger);
    store.save(store.load().settings);
    expect(mode(join(dir, 'settings.json'))).toBe(0o600);
    expect(mode(join(dir, 'settings.last-good.json'))).toBe(0o600);
  });

  it('a settings file left readable by everyone is made private on the next save', () => {
    writeFileSync(join(dir, 'settings.json'), '{"version": 1}');
    chmodSync(join(dir, 'settings.json'), 0o644);
    const store = openSettingsStore(dir, silentLogger);
    store.save(store.load().settings);
    expect(mode(join(dir, 'settings.json'))).toBe(0o600);
  });

  it('secrets.bin is 0600 in a folder it creates 0700', () => {
    const vault = new SecretVault(join(dir, 'data', 'secrets.bin'), plainCipher, silentLogger);
    vault.set('work', { password: 'hunter2' });
    expect(mode(join(dir, 'data', 'secrets.bin'))).toBe(0o600);
    expect(mode(join(dir, 'data'))).toBe(0o700);
  });

  it('the log is 0600 in a logs folder 0700, and an older readable log is made private', () => {
    const log = openLogFile(join(dir, 'logs', 'tidings.log'));
    log('first line');
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    expect(mode(join(dir, 'logs', 'tidings.log'))).toBe(0o600);

    chmodSync(join(dir, 'logs', 'tidings.log'), 0o644);
    chmodSync(join(dir, 'logs'), 0o755);
    openLogFile(join(dir, 'logs', 'tidings.log'))('second line');
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    expect(mode(join(dir, 'logs', 'tidings.log'))).toBe(0o600);
  });

  it('the copy kept of an older settings file and a file set aside are private too', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ accounts: [] }));
    chmodSync(join(dir, 'settings.json'), 0o644);
    openSettingsStore(dir, silentLogger).load();
    expect(mode(join(dir, 'settings.v0.json'))).toBe(0o600);

    writeFileSync(join(dir, 'settings.json'), '{ not json');
    chmodSync(join(dir, 'settings.json'), 0o644);
    openSettingsStore(dir, silentLogger).load();
    const aside = readdirSync(dir).find((name) => name.includes('.unreadable-'));
    expect(aside).toBeDefined();
    expect(mode(join(dir, aside!))).toBe(0o600);
  });
});
