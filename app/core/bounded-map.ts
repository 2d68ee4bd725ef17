/**
 * A map that keeps at least its `limit` most recently set keys and at most twice that, so
 * remembering every id ever seen cannot grow without bound. Setting a key again makes it the
 * newest.
 *
 * Two generations rather than evicting the oldest key one at a time: `map.keys().next()` after
 * many deletions walks the deleted slots at the front of V8's hash table, which made a stream of
 * 100,000 new ids quadratic. Dropping a whole generation at once costs nothing per key.
 *
 * Values are never undefined, so a get that finds nothing in one generation needs no `has`.
 */
export class BoundedMap<K, V extends NonNullable<unknown>> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.put(key, value);
  }

  /**
   * Sets the key (making it the newest) and returns the value it had: one call where a get and
   * a set looked the key up four times. Two lookups for a key of the newest generation, three
   * for a new one.
   */
  swap(key: K, value: V): V | undefined {
    let earlier = this.current.get(key);
    if (earlier === undefined) {
      earlier = this.previous.get(key);
      if (earlier !== undefined) this.previous.delete(key);
    }
    this.put(key, value);
    return earlier;
  }

  /**
   * Sets the key only if it is not there (leaving a known key's value and age alone); returns
   * whether it set it. Three lookups where has and set took four; one for a key of the newest
   * generation.
   */
  setIfAbsent(key: K, value: V): boolean {
    if (this.current.has(key) || this.previous.has(key)) return false;
    this.put(key, value);
    return true;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Into the newest generation, for a key that is not in the previous one. */
  private put(key: K, value: V): void {
    this.current.set(key, value);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}
