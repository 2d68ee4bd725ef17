import type { KuzzleVersion } from './errors.js';

/** The request that caused a notification: its fields are copied into it (notes §5.1). */
export interface Cause {
  requestId: string;
  timestamp: number;
  volatile: Record<string, unknown> | null;
  index: string;
  collection: string;
  controller: string;
  action: string;
  protocol: string;
}

export interface DocumentChange {
  action: string;
  scope: 'in' | 'out' | 'unknown';
  result: Record<string, unknown>;
  /** 1.x only: `pending` before a write, `done` after. */
  state?: 'pending' | 'done';
}

const EVENTS: Record<string, string> = { delete: 'delete', publish: 'publish' };

export function documentNotification(
  version: KuzzleVersion,
  node: string,
  cause: Cause,
  change: DocumentChange,
): Record<string, unknown> {
  if (version === 1)
    return {
      status: 200,
      requestId: cause.requestId,
      timestamp: cause.timestamp,
      volatile: cause.volatile,
      index: cause.index,
      collection: cause.collection,
      controller: cause.controller,
      action: change.action,
      protocol: cause.protocol,
      scope: change.scope,
      state: change.state ?? 'done',
      result: change.result,
      type: 'document',
    };
  return {
    type: 'document',
    status: 200,
    action: change.action,
    scope: change.scope,
    result: change.result,
    node,
    event: EVENTS[change.action] ?? 'write',
    requestId: cause.requestId,
    timestamp: cause.timestamp,
    volatile: cause.volatile,
    index: cause.index,
    collection: cause.collection,
    controller: cause.controller,
    protocol: cause.protocol,
  };
}

export function userNotification(
  version: KuzzleVersion,
  node: string,
  change: {
    user: 'in' | 'out';
    count: number;
    volatile: Record<string, unknown> | null;
    index: string;
    collection: string;
    action: string;
    protocol: string;
  },
): Record<string, unknown> {
  return {
    type: 'user',
    status: 200,
    user: change.user,
    result: { count: change.count },
    ...(version === 2 && { node }),
    timestamp: Date.now(),
    volatile: change.volatile,
    index: change.index,
    collection: change.collection,
    controller: 'realtime',
    action: change.action,
    protocol: change.protocol,
  };
}

export const SERVER_CHANNEL = 'kuzzle:notification:server';

export function tokenExpiredNotification(version: KuzzleVersion, node: string) {
  return {
    status: 200,
    info: 'This is an automated server notification',
    message: 'Authentication Token Expired',
    type: 'TokenExpired',
    ...(version === 2 && { node }),
  };
}
