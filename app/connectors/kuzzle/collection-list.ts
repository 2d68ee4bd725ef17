import type { RoomInfo } from '../../core/connector.js';
import { connectorErrorFor } from './errors.js';
import type { KuzzleFrame } from './frames.js';

type Request = (request: KuzzleFrame) => Promise<unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];

/**
 * What the user can subscribe to, by name: every collection of every index (`index:list`, then
 * `collection:list` per index; the same in Kuzzle 1 and 2). Each one's room id is the key a
 * subscription on it goes by ("shop/orders"). An index that refuses is left out; all refusing
 * is the error, in the connector's words.
 */
export async function listCollections(request: Request): Promise<RoomInfo[]> {
  let indexes: string[];
  try {
    indexes = strings(
      ((await request({ controller: 'index', action: 'list' })) as { indexes?: unknown })?.indexes,
    );
  } catch (error) {
    throw connectorErrorFor(error);
  }
  const results = await Promise.allSettled(
    indexes.map(async (index) => {
      const answer = (await request({ controller: 'collection', action: 'list', index })) as {
        collections?: unknown;
      };
      const collections = Array.isArray(answer?.collections) ? answer.collections : [];
      return strings(collections.map((c) => (c as { name?: unknown } | null)?.name)).map(
        (collection): RoomInfo => ({
          id: `${index}/${collection}`,
          name: collection,
          type: 'collection',
          within: index,
          follow: { index, collection },
        }),
      );
    }),
  );
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (results.length > 0 && refused.length === results.length) throw connectorErrorFor(refused[0]);
  return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
}
