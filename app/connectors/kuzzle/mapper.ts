import { createHash } from 'node:crypto';
import type { EventKind, TidingsEvent } from '../../core/events.js';
import type { KuzzleFrame } from './frames.js';
import type { SubscriptionSpec } from './subscriptions.js';
import { expandLinkTemplate, renderTemplate, valueText } from '../shared/template.js';

export interface MapContext {
  account: string;
  subscription: SubscriptionSpec;
  /** The signed-in user: their own writes are marked as theirs. */
  kuid: string;
  receivedAt: number;
}

type Source = Record<string, unknown>;

/** Kuzzle 2 normalises actions; 1.x and early 2.x send the API action of m* and upsert writes. */
const ACTION_KINDS: Record<string, EventKind> = {
  create: 'document-created',
  mCreate: 'document-created',
  publish: 'document-published',
  replace: 'document-replaced',
  mReplace: 'document-replaced',
  createOrReplace: 'document-replaced',
  mCreateOrReplace: 'document-replaced',
  delete: 'document-deleted',
  mDelete: 'document-deleted',
  deleteByQuery: 'document-deleted',
};

const VERBS: Partial<Record<EventKind, string>> = {
  'document-created': 'document created',
  'document-updated': 'document updated',
  'document-replaced': 'document replaced',
  'document-deleted': 'document deleted',
  'document-published': 'document published',
  'document-left-scope': 'document left the subscription',
};

function documentKind(action: string, scope: unknown): EventKind {
  const kind = ACTION_KINDS[action] ?? 'document-updated';
  if (scope === 'out' && kind !== 'document-deleted') return 'document-left-scope';
  return kind;
}

/** The fields templates see: the frame's (action, index, collection, scope, volatile, user…)
 * and its result's (_id, _source, _updatedFields, count). */
function templateContext(frame: KuzzleFrame): Record<string, unknown> {
  const result =
    typeof frame.result === 'object' && frame.result !== null ? (frame.result as Source) : {};
  return { ...frame, ...result };
}

/** "customer: alice, total: 42": the document's first plain fields, for a default body. */
function summary(source: Source | undefined): string {
  if (!source) return '';
  return Object.entries(source)
    .filter(
      ([key, value]) => key !== '_kuzzle_info' && (typeof value !== 'object' || value === null),
    )
    .slice(0, 4)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(', ');
}

/**
 * A Kuzzle notification as the event the user sees, or undefined for what never notifies:
 * 1.x `pending` notifications (the write may still fail), and user notifications on a
 * subscription that did not ask for them.
 */
export function mapNotification(frame: KuzzleFrame, context: MapContext): TidingsEvent | undefined {
  const { subscription } = context;
  if (frame.state === 'pending') return undefined;
  const collection =
    typeof frame.collection === 'string' ? frame.collection : subscription.collection;
  const values = templateContext(frame);
  const requestRef = valueText(frame.requestId) || valueText(frame.timestamp);
  let kind: EventKind;
  let defaultTitle: string;
  let defaultBody: string;
  let author: string | undefined;
  let id: string;
  if (frame.type === 'user') {
    if (!subscription.users || subscription.users === 'none') return undefined;
    const entered = frame.user === 'in';
    kind = entered ? 'room-user-entered' : 'room-user-left';
    defaultTitle = `${collection}: someone ${entered ? 'subscribed' : 'left'}`;
    defaultBody = `${valueText(values.count)} subscribed now`;
    id = [
      subscription.key,
      kind,
      requestRef,
      '',
      valueText(frame.user) + valueText(values.count),
    ].join('|');
  } else if (frame.type === 'document') {
    kind = documentKind(valueText(frame.action), frame.scope);
    const source = values._source as Source | undefined;
    const info = source?._kuzzle_info as { author?: unknown; updater?: unknown } | undefined;
    author = valueText(info?.updater ?? info?.author) || undefined;
    defaultTitle = `${collection}: ${VERBS[kind] ?? valueText(frame.action)}${values._id ? ` ${valueText(values._id)}` : ''}`;
    defaultBody = summary(source);
    id =
      documentEventId(subscription.key, kind, frame, values) ??
      [subscription.key, kind, requestRef, valueText(values._id), ''].join('|');
  } else {
    return undefined;
  }
  return {
    account: context.account,
    kind,
    id,
    time: typeof frame.timestamp === 'number' ? frame.timestamp : context.receivedAt,
    room: { id: subscription.key, name: `${subscription.index}/${collection}`, type: 'collection' },
    ...(author !== undefined && { author: { id: author } }),
    title:
      subscription.title !== undefined ? renderTemplate(subscription.title, values) : defaultTitle,
    body: subscription.body !== undefined ? renderTemplate(subscription.body, values) : defaultBody,
    mentionsUser: false,
    ownMessage: author !== undefined && author === context.kuid && context.kuid !== '-1',
    ...withUrl(expandLinkTemplate(subscription.link, values)),
    raw: frame,
  };
}

/**
 * For a write to a stored document: its id, the time of that write as Kuzzle stamped it
 * (`_kuzzle_info.updatedAt`, else `createdAt`) and a digest of the content it left, all of
 * which a document found by catch-up carries too, so the live notification and the caught-up
 * document are one event (two writes in the same millisecond stay two). Publications and
 * results without the stamp (1.x and early 2.x `out` results hold only the `_id`) have none.
 */
export function documentEventId(
  key: string,
  kind: EventKind,
  frame: KuzzleFrame,
  values: Record<string, unknown>,
): string | undefined {
  const source = values._source as Source | undefined;
  const info = source?._kuzzle_info as { createdAt?: unknown; updatedAt?: unknown } | undefined;
  const stamp = info?.updatedAt ?? info?.createdAt;
  if (frame.action === 'publish' || typeof values._id !== 'string' || typeof stamp !== 'number')
    return undefined;
  const change = kind === 'document-deleted' ? 'delete' : valueText(frame.scope);
  return [key, 'document', values._id, String(stamp), contentDigest(source), change].join('|');
}

/** Key order is the writer's: sorted, the same content always gives the same digest. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Source;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, canonical(object[key])]),
  );
}

function contentDigest(source: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify(canonical(source)))
    .digest('hex')
    .slice(0, 12);
}

function withUrl(url: string | undefined): { url?: string } {
  return url === undefined ? {} : { url };
}
