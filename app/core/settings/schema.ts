import { z } from 'zod';
import { account } from './accounts.js';
import { historySettings } from './history.js';
import { notificationSettings } from './notifications.js';

export const SETTINGS_VERSION = 1;

/**
 * More accounts than anyone keeps connections to: past it a mistaken or generated file would
 * open that many sockets and hold every one in memory.
 */
export const MAX_ACCOUNTS = 2_000;

export function tooManyAccounts(count: number): string {
  return `expected at most ${MAX_ACCOUNTS} accounts, found ${count}`;
}

/** Format 1 of the settings file: one definition gives both the types and the validation. */
export const settingsSchema = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION, { error: `expected ${SETTINGS_VERSION}` }),
    accounts: z
      .array(account, { error: 'expected a list of accounts' })
      .check((ctx) => {
        if (ctx.value.length > MAX_ACCOUNTS)
          ctx.issues.push({
            code: 'custom',
            message: tooManyAccounts(ctx.value.length),
            input: ctx.value,
          });
      })
      .default([]),
    notifications: notificationSettings.default(notificationSettings.parse({})),
    history: historySettings.default(historySettings.parse({})),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.accounts.forEach((acc, index) => {
      if (seen.has(acc.id))
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'id'],
          message: `expected a unique id; "${acc.id}" is used twice`,
        });
      seen.add(acc.id);
    });
  });

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
