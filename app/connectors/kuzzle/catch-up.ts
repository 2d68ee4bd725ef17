import type { TidingsEvent } from '../../core/events.js';
import type { Logger } from '../../core/log.js';
import { yieldToLoop } from '../../core/yield-to-loop.js';
import { emitInBatches, foldedBody, foldRoom, type SummaryWords } from '../shared/catch-up.js';
import { KuzzleApiError } from './errors.js';
import type { KuzzleFrame } from './frames.js';
import { compileFilter, UnsupportedFilter, type StoredDocument } from './koncorde-match.js';
import { mapNotification } from './mapper.js';
import type { SubscriptionSpec } from './subscriptions.js';

/**
 * How far before the app noticed the outage to look: a silent link is found only after up to
 * 30 s, and Kuzzle's clock may differ from ours. What was seen already is left out by id; what
 * was written before the account first came online is left out by `CatchUpContext.notBefore`.
 */
export const CATCH_UP_MARGIN_MS = 60_000;
/** Hits per page: well under Kuzzle's `limits.documentsFetchCount` (10,000). */
export const PAGE_SIZE = 500;
/** How long Kuzzle keeps the cursor between pages; its `maxScrollDuration` default is 1 m. */
const SCROLL_TTL = '30s';
/** Documents tested between two turns of the event loop. */
const CHUNK = 100;

/**
 * One missed change shows as it would have live; more go to history and the collection shows
 * one summary. A document's title and body are the user's templates (customer, total), so the
 * summary keeps the newest one's title in its body (the pipeline's words: `foldedBody`).
 */
const COLLECTION_SUMMARY: SummaryWords = {
  title: (count, room) => `${count} changes in ${room.name ?? room.id} while away`,
  body: foldedBody,
  inSummary: 'missed while away: in the collection summary',
};

export interface CatchUpContext {
  account: string;
  kuid: string;
  request(request: KuzzleFrame): Promise<unknown>;
  emit(event: TidingsEvent): void;
  /** Whether the app has this event already, from this run or one before it. */
  seen(id: string): boolean;
  log: Logger;
  /** Says beside the subscription's status why it cannot be caught up. */
  detail(key: string, value: string): void;
  /** Subscriptions whose catch-up was refused already: refused again, it is not logged again. */
  refused: Set<string>;
  /**
   * Kuzzle's own time when the account first came online, if known: the margin reaches back
   * no further, so a document written before then never shows as missed.
   */
  notBefore?: number;
}

interface SearchPage {
  hits?: { _id?: unknown; _source?: unknown }[];
  total?: unknown;
  scrollId?: unknown;
}

/**
 * Kuzzle keeps no backlog, but it stamps every stored document with when it was created and
 * last written (`_kuzzle_info.createdAt`, `updatedAt`): for each subscription, search what was
 * written since `since`, keep what its filter matches, and hand each on as the notification the
 * subscription would have delivered. Deletions and `realtime:publish` messages leave nothing to
 * find, and a document that left the filter cannot be told from one that never matched, so
 * subscriptions with scope `out` have nothing to catch up.
 */
export async function catchUpSubscriptions(
  subscriptions: readonly SubscriptionSpec[],
  since: number,
  context: CatchUpContext,
): Promise<void> {
  for (const subscription of subscriptions) {
    if (subscription.scope === 'out' || subscription.scope === 'none') continue;
    const from = Math.max(since - CATCH_UP_MARGIN_MS, context.notBefore ?? -Infinity);
    const missed = await missedIn(subscription, from, context);
    if (missed) await emitInBatches(foldRoom(missed, COLLECTION_SUMMARY), context.emit);
  }
}

async function missedIn(
  subscription: SubscriptionSpec,
  since: number,
  context: CatchUpContext,
): Promise<TidingsEvent[] | undefined> {
  let matches: (doc: StoredDocument) => boolean;
  try {
    matches = compileFilter(subscription.filters ?? {});
  } catch (error) {
    if (!(error instanceof UnsupportedFilter)) throw error;
    refuse(subscription, `its filter cannot be tested here: ${error.message}`, context);
    return undefined;
  }
  const missed: TidingsEvent[] = [];
  try {
    for await (const hits of pages(subscription, since, context)) {
      for (let i = 0; i < hits.length; i++) {
        if (i > 0 && i % CHUNK === 0) await yieldToLoop();
        const event = missedEvent(hits[i]!, subscription, matches, context);
        if (event) missed.push(event);
      }
    }
  } catch (error) {
    if (!(error instanceof KuzzleApiError)) throw error;
    const { status, id = '' } = error.error;
    // The user may not search this collection: the live subscription goes on without catch-up.
    if (status === 403 || id === 'security.rights.forbidden') {
      refuse(subscription, `the server refused the search: ${error.message}`, context);
      return undefined;
    }
    // Nothing was ever stored there (a collection only published to): nothing to catch up.
    if (id === 'services.storage.unknown_index' || id === 'services.storage.unknown_collection')
      return [];
    throw error;
  }
  return missed.sort((a, b) => a.time - b.time);
}

function refuse(subscription: SubscriptionSpec, why: string, context: CatchUpContext): void {
  // Each reconnect writes "subscribed" anew; the reason goes back beside it every time.
  context.detail(subscription.key, `subscribed; changes missed while away are lost: ${why}`);
  if (context.refused.has(subscription.key)) return;
  context.refused.add(subscription.key);
  context.log.warn('Kuzzle catch-up skipped for a subscription', {
    account: context.account,
    subscription: subscription.key,
    reason: why,
  });
}

/** `document:search` with a cursor, then `document:scroll` until every hit has come. */
async function* pages(
  subscription: SubscriptionSpec,
  since: number,
  context: CatchUpContext,
): AsyncGenerator<StoredDocument[]> {
  let page = (await context.request({
    controller: 'document',
    action: 'search',
    index: subscription.index,
    collection: subscription.collection,
    body: {
      query: {
        bool: {
          should: [
            { range: { '_kuzzle_info.createdAt': { gte: since } } },
            { range: { '_kuzzle_info.updatedAt': { gte: since } } },
          ],
          minimum_should_match: 1,
        },
      },
    },
    scroll: SCROLL_TTL,
    size: PAGE_SIZE,
  })) as SearchPage | null;
  let fetched = 0;
  for (;;) {
    const hits = storedDocuments(page?.hits);
    fetched += hits.length;
    yield hits;
    const total = typeof page?.total === 'number' ? page.total : 0;
    const scrollId = page?.scrollId;
    if (hits.length === 0 || fetched >= total || typeof scrollId !== 'string') return;
    page = (await context.request({
      controller: 'document',
      action: 'scroll',
      scrollId,
      scroll: SCROLL_TTL,
    })) as SearchPage | null;
  }
}

function storedDocuments(hits: SearchPage['hits']): StoredDocument[] {
  if (!Array.isArray(hits)) return [];
  return hits.flatMap((hit) =>
    typeof hit?._id === 'string' && typeof hit._source === 'object' && hit._source !== null
      ? [{ _id: hit._id, _source: hit._source as Record<string, unknown> }]
      : [],
  );
}

/** The stored document as the `in` notification its last write sent, unless seen already. */
function missedEvent(
  doc: StoredDocument,
  subscription: SubscriptionSpec,
  matches: (doc: StoredDocument) => boolean,
  context: CatchUpContext,
): TidingsEvent | undefined {
  if (!matches(doc)) return undefined;
  const info = (doc._source._kuzzle_info ?? {}) as { createdAt?: unknown; updatedAt?: unknown };
  const created = typeof info.createdAt === 'number' ? info.createdAt : undefined;
  const updated = typeof info.updatedAt === 'number' ? info.updatedAt : undefined;
  const stamp = updated ?? created;
  if (stamp === undefined) return undefined;
  // Kuzzle's replace and createOrReplace stamp both times alike; update moves only updatedAt.
  const action = updated === undefined ? 'create' : updated === created ? 'replace' : 'update';
  const frame: KuzzleFrame = {
    type: 'document',
    status: 200,
    action,
    scope: 'in',
    result: { _id: doc._id, _source: doc._source },
    index: subscription.index,
    collection: subscription.collection,
    controller: 'document',
    timestamp: stamp,
    volatile: null,
  };
  const event = mapNotification(frame, {
    account: context.account,
    subscription,
    kuid: context.kuid,
    receivedAt: stamp,
  });
  if (!event || context.seen(event.id)) return undefined;
  return { ...event, catchUp: true };
}

/**
 * Kuzzle's clock now (`server:now`), or undefined where the server will not say: stored
 * documents are stamped by that clock, so it is the one to bound a search by.
 */
export async function serverNow(
  request: (request: KuzzleFrame) => Promise<unknown>,
): Promise<number | undefined> {
  try {
    const result = (await request({ controller: 'server', action: 'now' })) as {
      now?: unknown;
    } | null;
    return typeof result?.now === 'number' ? result.now : undefined;
  } catch (error) {
    if (error instanceof KuzzleApiError) return undefined;
    throw error;
  }
}
