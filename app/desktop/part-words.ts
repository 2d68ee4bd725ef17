import { ownTopic } from '../connectors/dino/account-options.js';
import type { Account } from '../core/settings/accounts.js';

/** A subscription's result as the connectors report it: "subscribed", "refused: …". */
const SUBSCRIPTION_RESULT = /^(subscribed|refused: )/;

/** "subscribed" → "ready"; the QoS 0 caveat and a refusal in words a user reads. */
function resultWords(value: string): string {
  if (value === 'subscribed') return 'ready';
  if (value.startsWith('subscribed at QoS 0'))
    return 'ready, but messages sent while Tidings is offline are lost';
  if (value.startsWith('refused: ')) return `refused (${value.slice('refused: '.length)})`;
  return value;
}

/** What a subscription is, in the words of a user of its source, with its id kept beside. */
function partName(account: Account, key: string): string {
  switch (account.type) {
    case 'dino':
      return key === ownTopic(account) ? `Direct messages (${key})` : `Shared topic ${key}`;
    case 'mqtt':
      return `Topic ${key}`;
    case 'kuzzle': {
      const [index, collection] = key.split('#')[0]!.split('/');
      return collection ? `Collection ${collection} in ${index}` : key;
    }
    case 'rocketchat':
      return `Room ${key}`;
    default:
      return key;
  }
}

/**
 * One part of what "Test connection" checked, as the window says it: "Direct messages
 * (dms/prod/1001): ready" rather than the connector's "dms/prod/1001: subscribed". Parts that
 * are no subscription ("connection: WebSocket") stay as they are.
 */
export function partWords(account: Account | undefined, key: string, value: string): string {
  if (!account || !SUBSCRIPTION_RESULT.test(value)) return `${key}: ${value}`;
  return `${partName(account, key)}: ${resultWords(value)}`;
}
