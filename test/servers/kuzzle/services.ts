import type { DocumentStore } from './documents.js';
import type { KuzzleVersion } from './errors.js';
import type { Hotel } from './hotel.js';
import type { Cause, DocumentChange } from './notifications.js';
import type { Call } from './request.js';
import type { SearchCursors } from './search.js';
import type { TokenStore } from './tokens.js';

/** What the controllers share: the server's state and its version switches. */
export interface Services {
  version(): KuzzleVersion;
  node: string;
  tokens: TokenStore;
  hotel: Hotel;
  documents: DocumentStore;
  search: SearchCursors;
  documentNotification(change: DocumentChange, cause: Cause): Record<string, unknown>;
  /** Whether `auth/refreshToken` exists (Kuzzle 1.7+ and 2.x). */
  refreshToken(): boolean;
  /** Logins allowed per second per connection (Kuzzle 2.x: 1; 0 = no limit). */
  loginsPerSecond: number;
  lastLogin: WeakMap<object, number>;
}

export type Action = (services: Services, call: Call) => unknown;
