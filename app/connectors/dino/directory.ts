import { BoundedMap } from '../../core/bounded-map.js';

/** Names learned from earlier events, for events that carry only ids. */
export interface Names {
  user(id: string): string | undefined;
  group(id: string): string | undefined;
}

/** Enough for every conversation a person keeps up with; the longest unused go first (see BoundedMap). */
const DEFAULT_LIMIT = 5_000;

/**
 * User and group names seen on this connection. Dino's `read`, `recall` and relayed events name
 * nobody, and a one-to-one group's own name is just "1234,5678"; earlier messages fill the gaps.
 */
export class Directory implements Names {
  private readonly users: BoundedMap<string, string>;
  private readonly groups: BoundedMap<string, string>;

  constructor(limit = DEFAULT_LIMIT) {
    this.users = new BoundedMap(limit);
    this.groups = new BoundedMap(limit);
  }

  user(id: string): string | undefined {
    return this.users.get(id);
  }

  group(id: string): string | undefined {
    return this.groups.get(id);
  }

  rememberUser(id: string, name: string): void {
    this.users.set(id, name);
  }

  rememberGroup(id: string, name: string): void {
    this.groups.set(id, name);
  }
}
