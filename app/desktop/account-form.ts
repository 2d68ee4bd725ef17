import type { FieldError, SaveResult } from '../ipc/contract.js';
import type { Account, AccountType } from '../core/settings/accounts.js';
import type { NotificationSettings } from '../core/settings/notifications.js';
import type { SettingsError } from '../core/settings/validate.js';
import { validateSettings } from '../core/settings/validate.js';

/** Errors under `prefix` (`accounts[2]`, `notifications`) as fields of the form they belong to. */
export function fieldErrors(errors: readonly SettingsError[], prefix: string): FieldError[] {
  return errors.map((error) => {
    const field = error.field === prefix ? '' : error.field;
    const relative = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
    return { field: relative, message: error.expected };
  });
}

export type CheckedAccount = { ok: true; account: Account } | { ok: false; errors: FieldError[] };

/**
 * Checks an account from the window as the settings file will hold it: beside the others, so a
 * duplicate id is caught, and against the connectors this build ships.
 */
export function checkAccount(
  candidate: unknown,
  others: readonly Account[],
  supported: readonly AccountType[],
): CheckedAccount {
  const index = others.length;
  const result = validateSettings({ version: 1, accounts: [...others, candidate] });
  if (!result.ok) {
    const prefix = `accounts[${index}]`;
    const own = result.errors.filter((e) => e.field === prefix || e.field.startsWith(prefix));
    return { ok: false, errors: fieldErrors(own.length > 0 ? own : result.errors, prefix) };
  }
  const account = result.settings.accounts[index]!;
  if (!supported.includes(account.type))
    return {
      ok: false,
      errors: [
        {
          field: 'type',
          message: `no connector for "${account.type}" in this version (supported: ${supported.join(', ') || 'none'})`,
        },
      ],
    };
  return { ok: true, account };
}

export type CheckedNotifications =
  { ok: true; notifications: NotificationSettings } | { ok: false; errors: FieldError[] };

export function checkNotifications(candidate: unknown): CheckedNotifications {
  const result = validateSettings({ version: 1, notifications: candidate });
  if (!result.ok) return { ok: false, errors: fieldErrors(result.errors, 'notifications') };
  return { ok: true, notifications: result.settings.notifications };
}

export function failed(field: string, message: string): SaveResult {
  return { ok: false, errors: [{ field, message }] };
}
