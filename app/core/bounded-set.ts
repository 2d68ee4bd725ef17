/**
 * A set that keeps at least its `limit` newest members and at most twice that, so remembering
 * every id ever seen cannot grow without bound. Re-adding a member makes it the newest.
 *
 * Two generations, as in BoundedMap (see there why); its own rather than a BoundedMap of `true`,
 * since dedupe adds to it for every event: a member already in the newest generation costs one
 * lookup, a new one three.
 */
export class BoundedSet<T> {
  private current = new Set<T>();
  private previous = new Set<T>();

  constructor(private readonly limit: number) {}

  has(value: T): boolean {
    return this.current.has(value) || this.previous.has(value);
  }

  /** Adds the value; returns false when it was already there. */
  add(value: T): boolean {
    if (this.current.has(value)) return false;
    const existed = this.previous.delete(value);
    this.current.add(value);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Set();
    }
    return !existed;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
