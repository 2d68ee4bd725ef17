import { randomUUID } from 'node:crypto';
import type { Connection } from './connection.js';
import { KuzzleError, type KuzzleVersion } from './errors.js';
import type { Cause } from './notifications.js';

/** A request as every transport carries it (notes §1.1): reserved fields plus arguments. */
export interface KuzzleRequest extends Record<string, unknown> {
  controller: string;
  action: string;
  requestId: string;
  jwt?: string;
  volatile: Record<string, unknown> | null;
  body?: unknown;
  index?: string;
  collection?: string;
  _id?: string;
}

/** One request being served: who sent it, as whom, and what it causes. */
export interface Call {
  connection: Connection;
  request: KuzzleRequest;
  /** The authenticated user, or "-1" for anonymous. */
  kuid: string;
  cause: Cause;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the envelope as Kuzzle's RequestInput does. Throws a KuzzleError carrying the
 * requestId it could read (or a fresh one), for the error frame.
 */
export function parseRequest(input: unknown): KuzzleRequest {
  if (!isObject(input))
    throw new EnvelopeError(
      randomUUID(),
      new KuzzleError('api.assert.invalid_type', ['request', 'object']),
    );
  const requestId = input.requestId ?? randomUUID();
  if (typeof requestId !== 'string')
    throw new EnvelopeError(
      randomUUID(),
      new KuzzleError('api.assert.invalid_type', ['requestId', 'string']),
    );
  const fail = (error: KuzzleError) => new EnvelopeError(requestId, error);
  if (input.jwt !== undefined && input.jwt !== null && typeof input.jwt !== 'string')
    throw fail(new KuzzleError('api.assert.invalid_type', ['jwt', 'string']));
  if (input.volatile !== undefined && input.volatile !== null && !isObject(input.volatile))
    throw fail(new KuzzleError('api.assert.invalid_type', ['volatile', 'object']));
  if (typeof input.controller !== 'string' || input.controller === '')
    throw fail(new KuzzleError('api.assert.missing_argument', ['controller']));
  if (typeof input.action !== 'string' || input.action === '')
    throw fail(new KuzzleError('api.assert.missing_argument', ['action']));
  return {
    ...input,
    controller: input.controller,
    action: input.action,
    requestId,
    volatile: (input.volatile as Record<string, unknown> | undefined) ?? null,
    ...(typeof input.jwt === 'string' && input.jwt !== ''
      ? { jwt: input.jwt }
      : { jwt: undefined }),
  } as KuzzleRequest;
}

/** A request that failed before it could be routed: answered without `room` on WebSocket. */
export class EnvelopeError extends Error {
  constructor(
    readonly requestId: string,
    readonly error: KuzzleError,
  ) {
    super(error.message);
  }
}

export function stringArg(request: KuzzleRequest, name: string): string {
  const value = request[name];
  if (typeof value !== 'string' || value === '')
    throw new KuzzleError('api.assert.missing_argument', [name]);
  return value;
}

export function bodyOf(request: KuzzleRequest): Record<string, unknown> {
  if (!isObject(request.body)) throw new KuzzleError('api.assert.body_required');
  return request.body;
}

/** The response envelope of notes §1.2; `room` is the WebSocket layer's to add. */
export function responseFrame(
  version: KuzzleVersion,
  node: string,
  request: Partial<KuzzleRequest> & { requestId: string },
  outcome: { result: unknown } | { error: KuzzleError },
): Record<string, unknown> {
  const error = 'error' in outcome ? outcome.error : undefined;
  const frame: Record<string, unknown> = {
    action: request.action ?? null,
    collection: request.collection ?? null,
    controller: request.controller ?? null,
    error: error ? error.toJSON(version) : null,
    index: request.index ?? null,
    requestId: request.requestId,
    result: 'result' in outcome ? outcome.result : null,
    status: error ? error.status : 200,
    volatile: request.volatile ?? null,
  };
  if (version === 2) {
    frame.headers = {};
    frame.node = node;
  }
  return frame;
}
