import { serverAddress, type ServerAddress } from '../failure-words.js';
import type { Account } from './accounts.js';
import { DEFAULT_LISTEN } from './listen-address.js';

/**
 * The server an account connects to, as its failures name it: the host of its URL (3D Repo's
 * site, whose chat service a failed lookup names itself), the broker's; the inbox's own address.
 */
export function accountAddress(account: Account): ServerAddress | undefined {
  switch (account.type) {
    case 'dino':
    case 'mqtt':
      return serverAddress(account.broker);
    case 'webhook':
      return serverAddress(`http://${account.listen ?? DEFAULT_LISTEN}`);
    default:
      return serverAddress(account.server);
  }
}
