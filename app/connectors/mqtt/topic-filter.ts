/**
 * Whether `topic` matches the MQTT topic `filter` (spec §4.7): `+` is one level, `#` the rest
 * (including none), and topics starting with `$` match no filter that starts with a wildcard.
 * A shared subscription (`$share/<group>/<filter>`) matches as its filter.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const plain = sharedFilter(filter);
  const filterLevels = plain.split('/');
  const topicLevels = topic.split('/');
  if (topic.startsWith('$') && (plain.startsWith('+') || plain.startsWith('#'))) return false;
  for (let index = 0; index < filterLevels.length; index++) {
    const level = filterLevels[index];
    if (level === '#') return true;
    if (index >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[index]) return false;
  }
  return filterLevels.length === topicLevels.length;
}

function sharedFilter(filter: string): string {
  const shared = /^\$share\/[^/]+\/(.+)$/.exec(filter);
  return shared?.[1] ?? filter;
}

/** The first of the account's filters that `topic` came through; the topic itself if none does. */
export function matchingFilter(filters: readonly string[], topic: string): string {
  return filters.find((filter) => topicMatches(filter, topic)) ?? topic;
}
