/** Names learned from earlier events, for events that carry only ids. */
export interface Names {
  user(id: string): string | undefined;
  group(id: string): string | undefined;
}

/** Enough for every conversation a person keeps up with; the longest unused go first. */
const DEFAULT_LIMIT = 5_000;

/**
 * User and group names seen on this connection. Dino's `read`, `recall` and relayed events name
 * nobody, and a one-to-one group's own name is just "1234,5678"; earlier messages fill the gaps.
 */
export class Directory implements Names {
  private readonly users = new Map<string, string>();
  private readonly groups = new Map<string, string>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  user(id: string): string | undefined {
    return this.users.get(id);
  }

  group(id: string): string | undefined {
    return this.groups.get(id);
  }

  rememberUser(id: string, name: string): void {
    remember(this.users, id, name, this.limit);
  }

  rememberGroup(id: string, name: string): void {
    remember(this.groups, id, name, this.limit);
  }
}

function remember(map: Map<string, string>, key: string, value: string, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}
