// Limits on what a settings file may ask for, and text editors' habits it must accept.
import { describe, expect, it } from 'vitest';
import { MAX_ACCOUNTS, parseSettings, validateSettings } from '../../app/core/settings/index.js';
import { readSettingsText } from '../../app/core/settings/migrate.js';

function dinoAccounts(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `d${i}`,
    type: 'dino',
    broker: 'mqtt://localhost:1883',
    userId: String(i),
  }));
}

describe('the number of accounts', () => {
  it('is at most 2,000', () => {
    expect(MAX_ACCOUNTS).toBe(2_000);
    expect(validateSettings({ version: 1, accounts: dinoAccounts(2_000) }).ok).toBe(true);
  });

  it('over the limit is refused with one clear error, before any account is read', () => {
    const result = validateSettings({ version: 1, accounts: dinoAccounts(160_000) });
    if (result.ok) throw new Error('expected the settings to be refused');
    expect(result.errors.map((e) => e.message)).toEqual([
      'accounts: expected at most 2000 accounts, found 160000',
    ]);
  });
});

describe('a UTF-8 byte order mark at the start of the file', () => {
  const text = `\uFEFF${JSON.stringify({ version: 1, accounts: dinoAccounts(1) })}`;

  it('is accepted by the CLI and the desktop alike', () => {
    expect(parseSettings(text).ok).toBe(true);
    expect(readSettingsText(text)).toMatchObject({ ok: true, from: 1 });
  });
});
