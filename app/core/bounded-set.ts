import { BoundedMap } from './bounded-map.js';

/**
 * A set that keeps at least its `limit` newest members (see BoundedMap), so remembering every id
 * ever seen cannot grow without bound. Re-adding a member makes it the newest.
 */
export class BoundedSet<T> {
  private readonly members: BoundedMap<T, true>;

  constructor(limit: number) {
    this.members = new BoundedMap(limit);
  }

  has(value: T): boolean {
    return this.members.has(value);
  }

  /** Adds the value; returns false when it was already there. */
  add(value: T): boolean {
    const existed = this.members.has(value);
    this.members.set(value, true);
    return !existed;
  }

  get size(): number {
    return this.members.size;
  }
}
