import { z } from 'zod';

/** How much history is kept: by count and by age; older entries are dropped first. */
export const historySettings = z.strictObject({
  maxEntries: z
    .number({ error: 'expected a whole number from 100 to 1000000' })
    .int('expected a whole number from 100 to 1000000')
    .min(100, 'expected a whole number from 100 to 1000000')
    .max(1_000_000, 'expected a whole number from 100 to 1000000')
    .default(10_000),
  maxAgeDays: z
    .number({ error: 'expected a whole number of days from 1 to 3650' })
    .int('expected a whole number of days from 1 to 3650')
    .min(1, 'expected a whole number of days from 1 to 3650')
    .max(3650, 'expected a whole number of days from 1 to 3650')
    .default(30),
});
export type HistorySettings = z.infer<typeof historySettings>;
