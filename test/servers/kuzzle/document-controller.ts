import { KuzzleError } from './errors.js';
import { bodyOf, stringArg, type Call } from './request.js';
import type { Action, Services } from './services.js';

function where(call: Call) {
  stringArg(call.request, 'index');
  stringArg(call.request, 'collection');
  return call.cause;
}

function id(call: Call): string {
  return stringArg(call.request, '_id');
}

function optionalId(call: Call): string | undefined {
  const value = call.request._id;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new KuzzleError('api.assert.invalid_type', ['_id', 'string']);
  return value;
}

/** Enough of `document:*` to drive notifications with `in` and `out` scopes (notes §5.4),
 * and to search what is stored (search.ts). */
export const documentActions: Record<string, Action> = {
  create: (s: Services, call) =>
    s.documents.create(where(call), call.kuid, optionalId(call), bodyOf(call.request)),
  createOrReplace: (s, call) =>
    s.documents.replace(where(call), call.kuid, id(call), bodyOf(call.request), false),
  replace: (s, call) =>
    s.documents.replace(where(call), call.kuid, id(call), bodyOf(call.request), true),
  update: (s, call) => s.documents.update(where(call), call.kuid, id(call), bodyOf(call.request)),
  delete: (s, call) => s.documents.delete(where(call), id(call)),
  search: (s, call) => {
    const { index, collection } = where(call);
    const { request } = call;
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw new KuzzleError('api.assert.invalid_type', ['body', 'object']);
    return s.search.search(s.documents.documents(index, collection), {
      index,
      collection,
      body: body as Record<string, unknown>,
      from: request.from,
      size: request.size,
      scroll: request.scroll,
    });
  },
  scroll: (s, call) => s.search.scroll(call.request.scrollId, call.request.scroll),
  get: (s, call) => {
    const { index, collection } = where(call);
    return { _id: id(call), _source: s.documents.get(index, collection, id(call)) };
  },
};
