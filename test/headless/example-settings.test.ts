// The repository's tidings.example.json, as the README's headless commands use it: it must pass
// the real settings validation, hold one account of every type, and keep no secret in the file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../app/headless/load-settings.js';
import { secretFields } from '../../app/desktop/account-secrets.js';
import { ACCOUNT_TYPES } from '../../app/core/settings/accounts.js';

const EXAMPLE = join(process.cwd(), 'tidings.example.json');

describe('tidings.example.json', () => {
  it('is valid settings with an account of every type', () => {
    const settings = loadSettings(EXAMPLE);
    expect(new Set(settings.accounts.map((a) => a.type))).toEqual(new Set(ACCOUNT_TYPES));
  });

  it('reads every secret from the environment', () => {
    const settings = loadSettings(EXAMPLE);
    for (const account of settings.accounts) {
      // Secrets written as strings would be listed here; { env } references are not.
      expect(secretFields(account), account.id).toEqual([]);
      // The webhook inbox's token stands on the account itself (its settings contract).
      const secrets = account.type === 'webhook' ? account.token : account.auth;
      expect(JSON.stringify(secrets)).toMatch(/"env":"TIDINGS_/);
    }
  });
});
