/**
 * A map that keeps at least its `limit` most recently set keys and at most twice that, so
 * remembering every id ever seen cannot grow without bound. Setting a key again makes it the
 * newest.
 *
 * Two generations rather than evicting the oldest key one at a time: `map.keys().next()` after
 * many deletions walks the deleted slots at the front of V8's hash table, which made a stream of
 * 100,000 new ids quadratic. Dropping a whole generation at once costs nothing per key.
 */
export class BoundedMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.current.has(key) ? this.current.get(key) : this.previous.get(key);
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.current.set(key, value);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
