/** Enough for every group a user is in; past it the cache starts afresh rather than grow. */
const PEER_CACHE_LIMIT = 10_000;
/** Per user id, each group id's peer; null when the group is not one-to-one by its id. */
const peers = new Map<string, Map<string, string | null>>();
let cached = 0;

/**
 * Dino names a one-to-one group after its two members: each user id in hex, zero-padded to 16
 * digits, smaller id first, dashed like a UUID (`users_to_group_id` in dino-service). Reading it
 * back tells who the other person is even when an event carries no group block.
 */
export function oneToOnePeer(groupId: string, userId: string): string | undefined {
  // Every message of a group asks again; the BigInt work is worth doing once per group. Keyed
  // by user, then group, so that asking again builds no key string and looks up one map.
  let groups = peers.get(userId);
  const known = groups?.get(groupId);
  if (known !== undefined) return known ?? undefined;
  const peer = decodePeer(groupId, userId);
  if (cached >= PEER_CACHE_LIMIT) {
    peers.clear();
    cached = 0;
    groups = undefined;
  }
  if (!groups) peers.set(userId, (groups = new Map()));
  groups.set(groupId, peer ?? null);
  cached++;
  return peer;
}

function decodePeer(groupId: string, userId: string): string | undefined {
  if (!/^\d+$/.test(userId)) return undefined;
  const hex = groupId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return undefined;
  const first = BigInt(`0x${hex.slice(0, 16)}`);
  const second = BigInt(`0x${hex.slice(16)}`);
  // Random UUIDs almost never have this shape: both halves set and in ascending order.
  if (first === 0n || second === 0n || first >= second) return undefined;
  const me = BigInt(userId);
  if (first === me) return second.toString();
  if (second === me) return first.toString();
  return undefined;
}

/** The id Dino gives the one-to-one group of two numeric user ids (for fixtures and tests). */
export function oneToOneGroupId(userA: string, userB: string): string {
  const [low, high] = [BigInt(userA), BigInt(userB)].sort((a, b) => (a < b ? -1 : 1));
  const hex = [low, high].map((id) => id!.toString(16).padStart(16, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
