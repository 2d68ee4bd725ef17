/**
 * A set that forgets its oldest members past a limit, so remembering every id ever seen cannot
 * grow without bound. Re-adding a member makes it the newest.
 */
export class BoundedSet<T> {
  private readonly members = new Set<T>();

  constructor(private readonly limit: number) {}

  has(value: T): boolean {
    return this.members.has(value);
  }

  /** Adds the value; returns false when it was already there. */
  add(value: T): boolean {
    const existed = this.members.delete(value);
    this.members.add(value);
    if (this.members.size > this.limit) {
      const oldest = this.members.values().next().value as T;
      this.members.delete(oldest);
    }
    return !existed;
  }

  get size(): number {
    return this.members.size;
  }
}
