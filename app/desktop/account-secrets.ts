import type { Account } from '../core/settings/accounts.js';

/**
 * Where an account's secrets stand in the settings file: the value itself lives in the encrypted
 * secrets file. A string keeps the account valid under the format-1 schema without the secret.
 */
export const STORED_SECRET = '(in the secure store)';

/** The fields of `auth` that hold secrets. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['password', 'token', 'apiKey', 'cookie']);

/** An account's secrets by field path: `{ "auth.password": "…" }`. */
export type AccountSecrets = Record<string, string>;

type Auth = Record<string, unknown>;

function authOf(account: object): Auth | undefined {
  const auth = (account as { auth?: unknown }).auth;
  return auth && typeof auth === 'object' ? (auth as Auth) : undefined;
}

function withAuth<A extends object>(account: A, auth: Auth): A {
  return { ...account, auth };
}

/** Secret fields of the account's auth that hold a string (env/command references are not secrets). */
export function secretFields(account: object): string[] {
  const auth = authOf(account) ?? {};
  return Object.keys(auth).filter((key) => SECRET_FIELDS.has(key) && typeof auth[key] === 'string');
}

/** The account as the settings file keeps it, and the secrets that go to the secure store. */
export function splitSecrets(account: Account): { account: Account; secrets: AccountSecrets } {
  const auth = authOf(account);
  if (!auth) return { account, secrets: {} };
  const secrets: AccountSecrets = {};
  const kept: Auth = { ...auth };
  for (const key of secretFields(account)) {
    const value = auth[key] as string;
    if (value !== STORED_SECRET) secrets[`auth.${key}`] = value;
    kept[key] = STORED_SECRET;
  }
  return { account: withAuth(account, kept), secrets };
}

/** The account with its secrets put back, as a connector needs it. */
export function fillSecrets<A extends object>(account: A, secrets: AccountSecrets): A {
  const auth = authOf(account);
  if (!auth) return account;
  const filled: Auth = { ...auth };
  for (const key of Object.keys(auth)) {
    const value = secrets[`auth.${key}`];
    if (auth[key] === STORED_SECRET && value !== undefined) filled[key] = value;
  }
  return withAuth(account, filled);
}

/** The account for the window: stored secrets as '' so they never leave the main process. */
export function blankSecrets<A extends object>(account: A): { form: A; stored: string[] } {
  const auth = authOf(account);
  if (!auth) return { form: account, stored: [] };
  const blank: Auth = { ...auth };
  const stored: string[] = [];
  for (const key of Object.keys(auth))
    if (auth[key] === STORED_SECRET) {
      blank[key] = '';
      stored.push(`auth.${key}`);
    }
  return { form: withAuth(account, blank), stored };
}

/** A secret left empty in the window means "keep the stored one". */
export function keepStoredSecrets<A extends object>(form: A, stored: AccountSecrets): A {
  const auth = authOf(form);
  if (!auth) return form;
  const kept: Auth = { ...auth };
  for (const key of Object.keys(auth)) {
    const value = stored[`auth.${key}`];
    if (SECRET_FIELDS.has(key) && auth[key] === '' && value !== undefined) kept[key] = value;
  }
  return withAuth(form, kept);
}

/** The environment variable an exported secret is read from: `TIDINGS_WORK_PASSWORD`. */
export function secretEnvName(accountId: string, field: string): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  return `TIDINGS_${part(accountId)}_${part(field)}`;
}

/**
 * The account as an exported file carries it. Without secrets each one becomes an
 * `{ "env": … }` reference, so the file is still valid and runs in headless mode once set.
 */
export function exportedAccount(
  account: Account,
  secrets: AccountSecrets,
  includeSecrets: boolean,
): Account {
  if (includeSecrets) return fillSecrets(account, secrets);
  const auth = authOf(account);
  if (!auth) return account;
  const referenced: Auth = { ...auth };
  for (const key of secretFields(account))
    referenced[key] = { env: secretEnvName(account.id, key) };
  return withAuth(account, referenced) as Account;
}
