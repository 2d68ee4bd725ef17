import { ConnectorError, type RoomInfo } from '../../core/connector.js';
import { roomLabel } from '../../core/events.js';
import type { AccountForm, RoomChoice, RoomList } from '../../ipc/contract.js';
import { connectOnce } from '../connection-test.js';
import { plainFailure } from '../server-words.js';
import type { Accounts } from './accounts.js';
import type { AppCore } from './core.js';

/**
 * Kuzzle needs a subscription before an account can be saved, and the picker is how the first
 * is chosen: for a listing, one that is never subscribed to stands in (the connector lists on
 * its own session and the throwaway one is closed after).
 */
const LISTING_ONLY = { index: 'tidings-listing', collection: 'tidings-listing' };

const withoutSubscriptions = (form: AccountForm): AccountForm =>
  form.type === 'kuzzle' && (!Array.isArray(form.subscriptions) || form.subscriptions.length === 0)
    ? { ...form, subscriptions: [LISTING_ONLY] }
    : form;

/** The room pickers' lists: of a saved account (Notifications), or of one being edited. */
export class RoomLists {
  constructor(
    private readonly core: AppCore,
    private readonly accounts: Accounts,
  ) {}

  /** A saved account's rooms: from its live connection where it lists them, and from history. */
  async saved(id: string): Promise<RoomList> {
    const connector = this.core.supervisor.connector(id);
    const online = this.core.statusOf(id, this.core.now()).state === 'online';
    let error: string | undefined;
    let listed: RoomInfo[] = [];
    if (connector?.listRooms && online) {
      try {
        // What the account gets events from: not every model or collection it could follow.
        listed = (await connector.listRooms()).filter(
          (room) => room.follow === undefined || room.followed === true,
        );
      } catch (cause) {
        error = `the server did not list rooms: ${ConnectorError.from(cause).message}`;
      }
    }
    return this.withHistory(id, listed, error);
  }

  /**
   * "Find rooms on the server" in the editor: the form as typed (stored secrets kept) connects
   * once with a throwaway connector, lists, and closes; the account need not be saved, and a
   * saved one's live connection is left alone. History adds what a saved account has heard.
   */
  async find(form: AccountForm, previousId?: string): Promise<RoomList> {
    const listing = withoutSubscriptions(form);
    const checked = this.accounts.check(listing, previousId);
    if (!checked.ok) {
      const first = checked.errors[0];
      return {
        rooms: [],
        source: 'server',
        error: `Fill in the account first: ${first?.field || 'account'}: ${first?.message ?? 'invalid'}`,
      };
    }
    const account =
      checked.account.type === 'kuzzle' && listing !== form
        ? { ...checked.account, subscriptions: [] }
        : checked.account;
    const result = await connectOnce(
      account,
      {
        createConnector: this.core.options.createConnector,
        resolveSecret: (secret) => this.core.resolveSecret(secret),
        log: this.core.options.log,
      },
      async (connector) => {
        if (!connector.listRooms) return { rooms: [], none: true };
        return { rooms: await connector.listRooms(), none: false };
      },
    );
    if (!result.ok) return this.withHistory(previousId, [], plainFailure(result.message));
    const note = result.value.none ? 'This server has no list of rooms to offer.' : undefined;
    return this.withHistory(previousId, result.value.rooms, note);
  }

  private withHistory(id: string | undefined, listed: RoomInfo[], error?: string): RoomList {
    const found = new Map<string, RoomChoice>();
    for (const room of listed) found.set(room.id, { ...room, source: 'server' });
    const fromServer = found.size > 0;
    // Rooms this account has had events from, where the server did not list them.
    if (id !== undefined)
      for (const room of this.core.pipeline.history.rooms(id))
        if (!found.has(room.id) && room.type !== 'server')
          found.set(room.id, { ...room, name: roomLabel(room), source: 'history' });
    return {
      rooms: [...found.values()],
      source: fromServer ? 'server' : 'history',
      ...(error && { error }),
    };
  }
}
