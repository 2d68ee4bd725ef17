import { z } from 'zod';
import { ACCOUNT_TYPES } from '../core/settings/accounts.js';
import type { Method, RequestOf } from './contract.js';

/**
 * The shape of every request main accepts, checked before the controller sees it. Deep checks
 * (an account's fields, notification rules) are the settings schema's job and come back as field
 * errors; these only make sure the message is the contract's.
 */
const empty = z.strictObject({});
const id = z.string().min(1).max(200);
const accountForm = z.looseObject({ id: z.string().max(200), type: z.enum(ACCOUNT_TYPES) });
const decision = z.string().min(1).max(40);

export const requestSchemas = {
  getSnapshot: empty,
  saveAccount: z.strictObject({ account: accountForm, previousId: id.optional() }),
  removeAccount: z.strictObject({ id, forgetHistory: z.boolean().optional() }),
  testConnection: z.strictObject({ account: accountForm, previousId: id.optional() }),
  listRooms: z.strictObject({ id }),
  findRooms: z.strictObject({ account: accountForm, previousId: id.optional() }),
  saveNotifications: z.strictObject({ notifications: z.record(z.string(), z.unknown()) }),
  setDnd: z.strictObject({ choice: z.enum(['off', '30m', '1h', 'tomorrow-morning', 'until-off']) }),
  accountAction: z.strictObject({ id, action: z.enum(['reconnect', 'pause', 'mark-read']) }),
  listHistory: z.strictObject({
    text: z.string().max(500).optional(),
    account: id.optional(),
    decision: decision.optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    bookkeeping: z.boolean().optional(),
  }),
  openHistoryEntry: z.strictObject({ seq: z.number().int().min(1) }),
  setStartAtLogin: z.strictObject({ enabled: z.boolean() }),
  exportSettings: z.strictObject({ includeSecrets: z.boolean() }),
  importSettings: empty,
  signInWithBrowser: z.strictObject({
    id: id.optional(),
    server: z.string().min(1).max(2000).optional(),
  }),
  diagnostics: empty,
  sendTestNotification: z.strictObject({ account: id.optional() }),
  openLogFolder: empty,
  saveServerLevel: z.strictObject({
    id,
    room: id.optional(),
    level: z.enum(['all', 'mentions', 'none', 'default']),
  }),
  sendTwoFactorCode: z.strictObject({ id, code: z.string().trim().min(1).max(64) }),
} satisfies { [M in Method]: z.ZodType };

export const METHODS = Object.keys(requestSchemas) as Method[];

/** Parses a request for `method`; throws a ZodError naming what is wrong. */
export function parseRequest<M extends Method>(method: M, payload: unknown): RequestOf<M> {
  return requestSchemas[method].parse(payload) as RequestOf<M>;
}
