import type { KuzzleAccount } from '../../core/settings/accounts.js';

type Subscription = KuzzleAccount['subscriptions'][number];

/** One subscription of the account, with the key its room and status detail go by. */
export interface SubscriptionSpec extends Subscription {
  /** "shop/orders", or "shop/orders#2" for a second subscription on the same collection. */
  key: string;
}

export function subscriptionSpecs(account: KuzzleAccount): SubscriptionSpec[] {
  const seen = new Map<string, number>();
  return account.subscriptions.map((subscription) => {
    const base = `${subscription.index}/${subscription.collection}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...subscription, key: n === 1 ? base : `${base}#${n}` };
  });
}

/** The `realtime/subscribe` request for it (notes §4.1); Kuzzle's defaults are left to Kuzzle. */
export function subscribeRequest(spec: SubscriptionSpec): Record<string, unknown> {
  return {
    controller: 'realtime',
    action: 'subscribe',
    index: spec.index,
    collection: spec.collection,
    body: spec.filters ?? {},
    ...(spec.scope !== undefined && { scope: spec.scope }),
    ...(spec.users !== undefined && { users: spec.users }),
    ...(spec.volatile !== undefined && { volatile: spec.volatile }),
  };
}
