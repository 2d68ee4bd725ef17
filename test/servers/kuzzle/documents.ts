import { randomUUID } from 'node:crypto';
import { KuzzleError } from './errors.js';
import type { Hotel } from './hotel.js';
import type { Cause, DocumentChange } from './notifications.js';

type Source = Record<string, unknown>;

export type Notify = (roomIds: Iterable<string>, change: DocumentChange, cause: Cause) => void;

/**
 * An in-memory `document` controller with Kuzzle's notification rules (notes §5.4): writes
 * notify `in` to the rooms the new content matches, and `out` to the rooms the document matched
 * when it was last notified (Kuzzle's cache) that it no longer matches. 1.x first sends a
 * `pending` notification for create/replace/delete.
 */
export class DocumentStore {
  private readonly collections = new Map<string, Map<string, Source>>();
  /** Per document, the rooms it matched the last time it was notified. */
  private readonly lastRooms = new Map<string, Set<string>>();

  constructor(
    private readonly hotel: Hotel,
    private readonly notify: Notify,
    private readonly pending: () => boolean,
    /** The server's clock, for `_kuzzle_info` stamps. */
    private readonly now: () => number = Date.now,
  ) {}

  /** The stored documents of a collection, for `document:search`; unknown ones as Kuzzle says. */
  documents(index: string, collection: string): Iterable<[string, Source]> {
    const docs = this.collections.get(`${index}/${collection}`);
    if (docs) return docs.entries();
    const known = [...this.collections.keys()].some((key) => key.startsWith(`${index}/`));
    if (!known) throw new KuzzleError('services.storage.unknown_index', [index]);
    throw new KuzzleError('services.storage.unknown_collection', [index, collection]);
  }

  get(index: string, collection: string, id: string): Source {
    const source = this.collection(index, collection).get(id);
    if (!source) throw new KuzzleError('services.storage.not_found', [id, index, collection]);
    return source;
  }

  create(cause: Cause, author: string, id: string | undefined, body: Source) {
    const docs = this.collection(cause.index, cause.collection);
    const _id = id ?? randomUUID();
    if (docs.has(_id)) throw new KuzzleError('services.storage.document_already_exists');
    this.notifyPending(cause, _id, body);
    // As Kuzzle's storage writes it: updatedAt and updater stay null until a first update.
    const source = {
      ...body,
      _kuzzle_info: { author, createdAt: this.now(), updatedAt: null, updater: null },
    };
    docs.set(_id, source);
    this.notifyWrite(cause, 'create', _id, source);
    return { _id, _source: source };
  }

  replace(cause: Cause, author: string, id: string, body: Source, mustExist: boolean) {
    const docs = this.collection(cause.index, cause.collection);
    const before = docs.get(id);
    if (!before && mustExist)
      throw new KuzzleError('services.storage.not_found', [id, cause.index, cause.collection]);
    if (!before) return this.create(cause, author, id, body);
    this.notifyPending(cause, id, body);
    // Kuzzle's replace stamps the document anew: created and updated now, by the replacer.
    const now = this.now();
    const source = {
      ...body,
      _kuzzle_info: { author, createdAt: now, updatedAt: now, updater: author },
    };
    docs.set(id, source);
    this.notifyWrite(cause, 'replace', id, source);
    return { _id: id, _source: source };
  }

  update(cause: Cause, author: string, id: string, changes: Source) {
    const before = this.get(cause.index, cause.collection, id);
    const source = {
      ...before,
      ...changes,
      _kuzzle_info: { ...(before._kuzzle_info as Source), updater: author, updatedAt: this.now() },
    };
    this.collection(cause.index, cause.collection).set(id, source);
    this.notifyWrite(cause, 'update', id, source, leafPaths(changes));
    return { _id: id, _source: source };
  }

  delete(cause: Cause, id: string) {
    const source = this.get(cause.index, cause.collection, id);
    this.notifyPending(cause, id, source);
    this.collection(cause.index, cause.collection).delete(id);
    const rooms = this.hotel.matchingRooms(cause.index, cause.collection, {
      _id: id,
      _source: source,
    });
    this.lastRooms.delete(this.key(cause, id));
    this.notify(
      rooms,
      { action: 'delete', scope: 'out', result: { _id: id, _source: source } },
      cause,
    );
    return { _id: id };
  }

  /**
   * Kuzzle restarted: the documents stay (they live in Elasticsearch), what it remembered about
   * rooms goes with its realtime state.
   */
  forgetRooms(): void {
    this.lastRooms.clear();
  }

  clear(): void {
    this.collections.clear();
    this.lastRooms.clear();
  }

  private notifyWrite(
    cause: Cause,
    action: string,
    id: string,
    source: Source,
    updatedFields?: string[],
  ) {
    const key = this.key(cause, id);
    const now = new Set(
      this.hotel.matchingRooms(cause.index, cause.collection, { _id: id, _source: source }),
    );
    const before = this.lastRooms.get(key) ?? new Set<string>();
    const left = [...before].filter((room) => !now.has(room));
    this.lastRooms.set(key, now);
    const result = {
      _id: id,
      _source: source,
      ...(updatedFields && { _updatedFields: updatedFields }),
    };
    this.notify(now, { action, scope: 'in', result }, cause);
    this.notify(left, { action, scope: 'out', result }, cause);
  }

  private notifyPending(cause: Cause, id: string, body: Source): void {
    if (!this.pending()) return;
    const rooms = this.hotel.matchingRooms(cause.index, cause.collection, {
      _id: id,
      _source: body,
    });
    this.notify(
      rooms,
      {
        action: cause.action,
        scope: 'unknown',
        state: 'pending',
        result: { _id: id, _source: body },
      },
      cause,
    );
  }

  /** Indexes that have a collection here. */
  indexes(): string[] {
    return [...new Set([...this.collections.keys()].map((key) => key.split('/')[0]!))];
  }

  collectionsOf(index: string): string[] {
    return [...this.collections.keys()]
      .filter((key) => key.startsWith(`${index}/`))
      .map((key) => key.slice(index.length + 1));
  }

  /** `collection:create`: an empty collection (its index with it, as Kuzzle 2 does). */
  createCollection(index: string, collection: string): void {
    this.collection(index, collection);
  }

  private key(cause: Cause, id: string): string {
    return JSON.stringify([cause.index, cause.collection, id]);
  }

  private collection(index: string, collection: string): Map<string, Source> {
    const key = `${index}/${collection}`;
    let docs = this.collections.get(key);
    if (!docs) this.collections.set(key, (docs = new Map()));
    return docs;
  }
}

/** Dotted paths of the leaf fields an update sets, as Kuzzle lists them in `_updatedFields`. */
function leafPaths(value: Source, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? leafPaths(v as Source, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
