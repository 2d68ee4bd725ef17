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

type Fields = Record<string, unknown>;

/**
 * Where secrets sit: in `auth` for most types; the webhook inbox's `token` stands on the account
 * itself, as its settings contract writes it. Each holder is a prefix of the path and the object.
 */
interface Holder {
  prefix: string;
  fields: Fields;
  keys: ReadonlySet<string>;
}

const TOP_LEVEL_SECRETS: Readonly<Record<string, ReadonlySet<string>>> = {
  webhook: new Set(['token']),
};

function holdersOf(account: object): Holder[] {
  const holders: Holder[] = [];
  const auth = (account as { auth?: unknown }).auth;
  if (auth && typeof auth === 'object')
    holders.push({ prefix: 'auth.', fields: auth as Fields, keys: SECRET_FIELDS });
  const top = TOP_LEVEL_SECRETS[(account as { type?: string }).type ?? ''];
  if (top) holders.push({ prefix: '', fields: account as Fields, keys: top });
  return holders;
}

/** The account with each holder's fields changed by `change` (a copy; the input stays). */
function mapHolders<A extends object>(
  account: A,
  change: (holder: Holder, copy: Fields) => void,
): A {
  let result: Fields = { ...(account as Fields) };
  for (const holder of holdersOf(account)) {
    const copy: Fields = holder.prefix === '' ? result : { ...holder.fields };
    change(holder, copy);
    if (holder.prefix === 'auth.') result = { ...result, auth: copy };
    else result = copy;
  }
  return result as A;
}

function secretKeys(holder: Holder): string[] {
  return Object.keys(holder.fields).filter(
    (key) => holder.keys.has(key) && typeof holder.fields[key] === 'string',
  );
}

/** Secret fields that hold a string (env/command references are not secrets), by path. */
export function secretFields(account: object): string[] {
  return holdersOf(account).flatMap((holder) =>
    secretKeys(holder).map((key) => `${holder.prefix}${key}`),
  );
}

/** The account as the settings file keeps it, and the secrets that go to the secure store. */
export function splitSecrets(account: Account): { account: Account; secrets: AccountSecrets } {
  const secrets: AccountSecrets = {};
  const kept = mapHolders(account, (holder, copy) => {
    for (const key of secretKeys(holder)) {
      const value = holder.fields[key] as string;
      if (value !== STORED_SECRET) secrets[`${holder.prefix}${key}`] = value;
      copy[key] = STORED_SECRET;
    }
  });
  return { account: kept, secrets };
}

/** The account with its secrets put back, as a connector needs it. */
export function fillSecrets<A extends object>(account: A, secrets: AccountSecrets): A {
  return mapHolders(account, (holder, copy) => {
    for (const key of holder.keys) {
      const value = secrets[`${holder.prefix}${key}`];
      if (holder.fields[key] === STORED_SECRET && value !== undefined) copy[key] = value;
    }
  });
}

/** The account for the window: stored secrets as '' so they never leave the main process. */
export function blankSecrets<A extends object>(account: A): { form: A; stored: string[] } {
  const stored: string[] = [];
  const form = mapHolders(account, (holder, copy) => {
    for (const key of holder.keys)
      if (holder.fields[key] === STORED_SECRET) {
        copy[key] = '';
        stored.push(`${holder.prefix}${key}`);
      }
  });
  return { form, stored };
}

/** A secret left empty in the window means "keep the stored one". */
export function keepStoredSecrets<A extends object>(form: A, stored: AccountSecrets): A {
  return mapHolders(form, (holder, copy) => {
    for (const key of holder.keys) {
      const value = stored[`${holder.prefix}${key}`];
      if (holder.fields[key] === '' && value !== undefined) copy[key] = value;
    }
  });
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
  return mapHolders(account, (holder, copy) => {
    for (const key of secretKeys(holder)) copy[key] = { env: secretEnvName(account.id, key) };
  });
}
