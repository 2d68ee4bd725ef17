import { z } from 'zod';
import { account } from './accounts.js';
import { historySettings } from './history.js';
import { notificationSettings } from './notifications.js';

export const SETTINGS_VERSION = 1;

/** Format 1 of the settings file: one definition gives both the types and the validation. */
export const settingsSchema = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION, { error: `expected ${SETTINGS_VERSION}` }),
    accounts: z.array(account, { error: 'expected a list of accounts' }).default([]),
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
