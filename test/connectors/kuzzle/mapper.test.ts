// The pure parts: frames → events, templates, links, token decoding, settings checks.
import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../../app/connectors/kuzzle/jwt.js';
import { mapNotification, type MapContext } from '../../../app/connectors/kuzzle/mapper.js';
import {
  subscriptionSpecs,
  type SubscriptionSpec,
} from '../../../app/connectors/kuzzle/subscriptions.js';
import { kuzzleAccount } from '../../../app/core/settings/accounts.js';
import { signJwt } from '../../servers/kuzzle/jwt.js';

const account = kuzzleAccount.parse({
  id: 'orders',
  type: 'kuzzle',
  server: 'ws://localhost:7512',
  transport: 'websocket',
  subscriptions: [
    { index: 'shop', collection: 'orders' },
    {
      index: 'shop',
      collection: 'orders',
      users: 'all',
      title: '{{_source.customer}} / {{_source.nope}} / {{volatile.client}}',
      body: '{{action}} {{scope}} {{collection}} {{_updatedFields}}',
      link: 'https://shop.example.com/o/{{_id}}?c={{_source.customer}}',
    },
  ],
});
const [plain, templated] = subscriptionSpecs(account) as [SubscriptionSpec, SubscriptionSpec];
const context = (subscription = plain): MapContext => ({
  account: 'orders',
  subscription,
  kuid: 'alice',
  receivedAt: 1,
});

/** A 2.x document notification (protocol notes §5.1). */
function documentFrame(overrides: Record<string, unknown> = {}) {
  return {
    type: 'document',
    status: 200,
    action: 'create',
    scope: 'in',
    result: {
      _id: 'o-1',
      _source: { customer: 'bob', total: 12, _kuzzle_info: { author: 'bob' } },
    },
    event: 'write',
    requestId: 'r-1',
    timestamp: 1_700_000_000_000,
    volatile: { client: 'till' },
    index: 'shop',
    collection: 'orders',
    controller: 'document',
    protocol: 'websocket',
    room: 'abc-311',
    ...overrides,
  };
}

describe('mapNotification', () => {
  it('gives a sensible default text', () => {
    expect(mapNotification(documentFrame(), context())).toMatchObject({
      kind: 'document-created',
      title: 'orders: document created o-1',
      body: 'customer: bob, total: 12',
      time: 1_700_000_000_000,
      room: { id: 'shop/orders', name: 'shop/orders', type: 'collection' },
      author: { id: 'bob' },
      ownMessage: false,
    });
  });

  it('fills templates; a missing field is empty, never "undefined"; links are encoded', () => {
    const frame = documentFrame({
      action: 'update',
      result: { _id: 'a/b c', _source: { customer: 'x&y' }, _updatedFields: ['customer'] },
    });
    expect(mapNotification(frame, context(templated))).toMatchObject({
      kind: 'document-updated',
      title: 'x&y /  / till',
      body: 'update in orders ["customer"]',
      url: 'https://shop.example.com/o/a%2Fb%20c?c=x%26y',
    });
  });

  it('names each action and scope, 1.x m* actions included', () => {
    const kinds = [
      ['create', 'in'],
      ['mCreate', 'in'],
      ['replace', 'in'],
      ['mCreateOrReplace', 'in'],
      ['update', 'out'],
      ['delete', 'out'],
      ['publish', 'in'],
    ].map(([action, scope]) => mapNotification(documentFrame({ action, scope }), context())?.kind);
    expect(kinds).toEqual([
      'document-created',
      'document-created',
      'document-replaced',
      'document-replaced',
      'document-left-scope',
      'document-deleted',
      'document-published',
    ]);
  });

  it('ignores 1.x pending notifications', () => {
    expect(
      mapNotification(documentFrame({ state: 'pending', scope: 'unknown' }), context()),
    ).toBeUndefined();
  });

  it('shows user notifications with the count, only when the subscription asked for them', () => {
    const frame = {
      type: 'user',
      status: 200,
      user: 'in',
      result: { count: 3 },
      timestamp: 5,
      collection: 'orders',
    };
    expect(mapNotification(frame, context())).toBeUndefined();
    expect(
      mapNotification({ ...frame, user: 'out', result: { count: 2 } }, context()),
    ).toBeUndefined();
    const subscription = { ...plain, users: 'all' as const };
    expect(mapNotification(frame, context(subscription))).toMatchObject({
      kind: 'room-user-entered',
      title: 'orders: someone subscribed',
      body: '3 subscribed now',
    });
  });

  it("marks the signed-in user's own writes", () => {
    const frame = documentFrame({
      result: { _id: 'o-2', _source: { _kuzzle_info: { author: 'alice' } } },
    });
    expect(mapNotification(frame, context())?.ownMessage).toBe(true);
  });
});

describe('decodeToken', () => {
  it('decodes base64url payloads the official SDK cannot', () => {
    // This user id encodes to a payload with "-" and "_" in base64url.
    const jwt = signJwt({ _id: 'a?>~b??>', iat: 1, exp: 2_000_000_000 }, 'secret');
    expect(jwt.split('.')[1]).toMatch(/[-_]/);
    expect(decodeToken(`kauth-${jwt}`)).toEqual({ kuid: 'a?>~b??>', expiresAt: 2_000_000_000_000 });
  });

  it('gives nothing for what is not a JWT', () => {
    expect(decodeToken('kapikey-nonsense')).toEqual({});
    expect(decodeToken('a.!!!.c')).toEqual({});
  });
});

describe('the kuzzle account settings', () => {
  it('accept Koncorde filters only as a JSON object', () => {
    const base = { id: 'k', type: 'kuzzle', server: 'ws://h:7512', transport: 'mqtt' };
    const withFilters = (filters: unknown) =>
      kuzzleAccount.safeParse({
        ...base,
        subscriptions: [{ index: 'i', collection: 'c', filters }],
      });
    expect(withFilters({ equals: { a: 1 } }).success).toBe(true);
    for (const filters of [[{ equals: { a: 1 } }], 'equals', null]) {
      const result = withFilters(filters);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('expected a JSON object (Koncorde filters)');
    }
  });

  it('give a second subscription on a collection its own key', () => {
    expect(subscriptionSpecs(account).map((s) => s.key)).toEqual(['shop/orders', 'shop/orders#2']);
  });
});

describe('the dedupe id of a document write', () => {
  const stored = {
    _id: 'o-1',
    _source: {
      total: 12,
      customer: 'bob',
      _kuzzle_info: { author: 'bob', createdAt: 5, updatedAt: 9, updater: 'carol' },
    },
  };
  const idOf = (frame: Record<string, unknown>) => mapNotification(frame, context())!.id;

  it('is the same for the live update and the stored document catch-up finds', () => {
    const live = idOf(documentFrame({ action: 'update', result: stored }));
    // As catch-up rebuilds it from a search hit: no requestId, another key order.
    const found = idOf({
      type: 'document',
      action: 'update',
      scope: 'in',
      timestamp: 9,
      result: {
        _id: 'o-1',
        _source: { customer: 'bob', _kuzzle_info: stored._source._kuzzle_info, total: 12 },
      },
    });
    expect(found).toBe(live);
  });

  it('tells apart two writes stamped in the same millisecond, and a deletion', () => {
    const first = idOf(documentFrame({ action: 'update', result: stored }));
    const second = idOf(
      documentFrame({
        action: 'update',
        result: { ...stored, _source: { ...stored._source, total: 13 } },
      }),
    );
    const deleted = idOf(documentFrame({ action: 'delete', scope: 'out', result: stored }));
    expect(new Set([first, second, deleted]).size).toBe(3);
  });

  it('falls back to the request for publications, which are never stored', () => {
    const a = idOf(documentFrame({ action: 'publish', requestId: 'p-1', result: stored }));
    const b = idOf(documentFrame({ action: 'publish', requestId: 'p-2', result: stored }));
    expect(a).not.toBe(b);
  });
});
