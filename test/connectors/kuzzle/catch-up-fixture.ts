// What the Kuzzle catch-up tests share: alice's subscription to orders of 10 or more, and
// catch-up markers that outlive one app, as the state database keeps them.
import type { CatchUpMarkers } from '../../../app/core/supervisor/catch-up-markers.js';
import { USERS } from './transports.js';

export const orders = {
  index: 'shop',
  collection: 'orders',
  filters: { range: { total: { gte: 10 } } },
  title: '{{_source.customer}}',
  body: '{{_source.total}}',
};

export const signedIn = {
  auth: { username: 'alice', password: USERS.alice },
  subscriptions: [orders],
};

export function memoryMarkers(): CatchUpMarkers {
  const stored = new Map<string, number>();
  return { get: (id) => stored.get(id), set: (id, time) => stored.set(id, time) };
}
