import { stringArg } from './request.js';
import type { Action } from './services.js';

/**
 * `index:list` and `collection:list` (API 1 and 2 alike: `{indexes}`; `{type: 'all',
 * collections: [{name, type}]}` sorted by name), from what the document store holds (stored)
 * and what is subscribed to (realtime), as the room picker reads them.
 */
export const indexActions: Record<string, Action> = {
  list: (s) => ({ indexes: [...new Set([...s.documents.indexes(), ...realtime(s)])].sort() }),
};

export const collectionActions: Record<string, Action> = {
  list: (s, call) => {
    const index = stringArg(call.request, 'index');
    const stored = new Set(s.documents.collectionsOf(index));
    const live = Object.keys(s.hotel.list()[index] ?? {}).filter((c) => !stored.has(c));
    const collections = [
      ...[...stored].map((name) => ({ name, type: 'stored' })),
      ...live.map((name) => ({ name, type: 'realtime' })),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { type: 'all', collections };
  },
};

const realtime = (s: Parameters<Action>[0]) => Object.keys(s.hotel.list());
