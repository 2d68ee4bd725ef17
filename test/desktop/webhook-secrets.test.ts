// The webhook inbox's token stands on the account (its settings contract), not in `auth`: the
// desktop's secure store keeps it out of the settings file all the same.
import { expect, it } from 'vitest';
import {
  blankSecrets,
  exportedAccount,
  fillSecrets,
  keepStoredSecrets,
  secretFields,
  splitSecrets,
  STORED_SECRET,
} from '../../app/desktop/account-secrets.js';
import { account as accountSchema } from '../../app/core/settings/accounts.js';

const hook = accountSchema.parse({ id: 'hooks', type: 'webhook', token: 'hook-secret' });

it('splits the token off into the secure store and puts it back', () => {
  expect(secretFields(hook)).toEqual(['token']);
  const { account, secrets } = splitSecrets(hook);
  expect(account).toMatchObject({ token: STORED_SECRET });
  expect(JSON.stringify(account)).not.toContain('hook-secret');
  expect(secrets).toEqual({ token: 'hook-secret' });
  expect(fillSecrets(account, secrets)).toEqual(hook);
});

it('the window sees it blank, and blank means "keep the stored one"', () => {
  const { account, secrets } = splitSecrets(hook);
  const { form, stored } = blankSecrets(account);
  expect(form).toMatchObject({ token: '' });
  expect(stored).toEqual(['token']);
  expect(keepStoredSecrets(form, secrets)).toMatchObject({ token: 'hook-secret' });
});

it('an export without secrets names an environment variable', () => {
  const { account, secrets } = splitSecrets(hook);
  expect(exportedAccount(account, secrets, false)).toMatchObject({
    token: { env: 'TIDINGS_HOOKS_TOKEN' },
  });
});

it('other types keep theirs in auth, as before; a top-level field of theirs is left alone', () => {
  const dino = accountSchema.parse({
    id: 'd',
    type: 'dino',
    broker: 'mqtt://h',
    userId: '1',
    auth: { username: '1', password: 'pw' },
  });
  expect(splitSecrets(dino)).toEqual({
    account: { ...dino, auth: { username: '1', password: STORED_SECRET } },
    secrets: { 'auth.password': 'pw' },
  });
});
