import { BadFrames } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import type { Connector, ConnectorContext, RoomInfo } from '../../core/connector.js';
import type { GotifyAccount } from '../../core/settings/accounts.js';
import { basicAuth } from '../shared/basic-auth.js';
import { CLOSED_FOR_FRAME } from '../shared/frame-limit.js';
import { LiveSession } from '../shared/live-session.js';
import { readSecret } from '../shared/read-secret.js';
import { scopedCursor } from '../shared/scoped-cursor.js';
import { mapGotifyMessage, type GotifyMessage } from './mapper.js';
import { GotifyRest, type GotifyPage } from './rest.js';
import { GotifyStream } from './stream.js';

export interface GotifyTuning {
  requestTimeoutMs: number;
  /** Silence this long and the stream is pinged; twice this and the link is dead. */
  keepAliveMs: number;
  /** Messages per page of `GET /message` (at most 200). */
  pageSize: number;
  /** Pages a catch-up reads at most: an absence longer than that is caught up in part. */
  maxPages: number;
}

const DEFAULTS: GotifyTuning = {
  requestTimeoutMs: 15_000,
  keepAliveMs: 26_000,
  pageSize: 200,
  maxPages: 50,
};

/** How far before the last time online a catch-up by time looks: clocks differ. */
const CATCH_UP_MARGIN_MS = 60_000;

/**
 * The Gotify connector: the client's `/stream` for what comes live, `GET /message` paged back
 * for what came while away. The highest message id in hand is the catch-up point; Gotify's ids
 * only grow, so every reconnect pages back until it reaches that id again.
 */
export function createGotifyConnector(
  account: GotifyAccount,
  context: ConnectorContext,
  tuning: Partial<GotifyTuning> = {},
): Connector {
  const options = { ...DEFAULTS, ...tuning };
  const base = account.server.replace(/\/+$/, '');
  const live = new LiveSession<GotifyStream>();
  const badFrames = new BadFrames({
    account: account.id,
    server: 'Gotify',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });
  const apps = new Map<number, string>();
  // Kept with the history, so a restart of the app pages back only to what it has.
  const kept = scopedCursor(context, base);
  const keptId = Number(kept.get());
  /** Every message up to this id is in hand. */
  let cursor: number | undefined = Number.isInteger(keptId) && keptId >= 0 ? keptId : undefined;
  /** The cursor was only the newest id at a first start: catch-up by time may still be due. */
  let baselineOnly = false;
  let rest: GotifyRest | undefined;

  function emit(message: GotifyMessage, catchUp: boolean): void {
    context.emit(
      mapGotifyMessage(message, {
        account: account.id,
        server: base,
        minPriority: account.minPriority ?? 1,
        appName: (id) => apps.get(id),
        catchUp,
      }),
    );
  }

  /** After the events are emitted, so the kept point is committed with them, never before. */
  function moveTo(id: number): void {
    if (cursor !== undefined && id <= cursor) return;
    cursor = id;
    kept.set(String(id));
  }

  async function learnApps(client: GotifyRest): Promise<void> {
    for (const app of await client.applications()) apps.set(app.id, app.name);
  }

  /** Pages back from the newest until `stop` says a message is old enough; oldest first. */
  async function pageBack(
    client: GotifyRest,
    stop: (message: GotifyMessage) => boolean,
  ): Promise<GotifyMessage[]> {
    const missed: GotifyMessage[] = [];
    let since = 0;
    for (let pages = 0; pages < options.maxPages; pages++) {
      const page: GotifyPage & { refused: number } = await client.page(since, options.pageSize);
      for (let i = 0; i < page.refused; i++) badFrames.refused('malformed', { in: 'GET /message' });
      for (const message of page.messages) {
        if (stop(message)) return missed.reverse();
        missed.push(message);
      }
      if (page.next === 0) return missed.reverse();
      since = page.next;
    }
    context.log.warn('Gotify catch-up stopped early', {
      account: account.id,
      pages: options.maxPages,
      messages: missed.length,
    });
    context.detail('catch-up', `only the newest ${missed.length} missed messages were fetched`);
    return missed.reverse();
  }

  const connector: Connector = {
    async connect() {
      await live.close();
      const headers = await authHeaders(account, context);
      const client = new GotifyRest(base, headers, options.requestTimeoutMs);
      rest = client;
      // Also what proves the token: a wrong one is refused here with 401.
      await learnApps(client);
      const from = cursor;
      baselineOnly = false;
      let highest = cursor ?? 0;
      let caughtUp = false;
      const current: GotifyStream = new GotifyStream(
        {
          url: `${base.replace(/^http/, 'ws')}/stream`,
          headers,
          connectTimeoutMs: options.requestTimeoutMs,
          keepAliveMs: options.keepAliveMs,
        },
        {
          message: (message) => {
            if (!apps.has(message.appid)) learnApps(client).catch(() => {});
            emit(message, false);
            highest = Math.max(highest, message.id);
            if (caughtUp) moveTo(message.id);
          },
          refused: (kind, fields) => badFrames.refused(kind, fields),
          lost: (error) => {
            if (error.reconnectAtOnce) badFrames.explain(CLOSED_FOR_FRAME);
            if (live.isLive(current)) context.lost(error);
          },
        },
      );
      // The stream first, the pages second: nothing falls between them; what both bring is
      // deduped by id.
      await live.open(current);
      if (from === undefined) {
        const [newest] = (await client.page(0, 1)).messages;
        highest = Math.max(highest, newest?.id ?? 0);
        baselineOnly = true;
      } else {
        for (const message of await pageBack(client, (m) => m.id <= from)) {
          emit(message, true);
          highest = Math.max(highest, message.id);
        }
      }
      moveTo(highest);
      caughtUp = true;
    },
    async catchUp(since) {
      // A first start with a time from an earlier run: what came after it, by date.
      if (!baselineOnly || !rest) return;
      baselineOnly = false;
      const after = since - CATCH_UP_MARGIN_MS;
      const missed = await pageBack(rest, (m) => {
        const date = typeof m.date === 'string' ? Date.parse(m.date) : Number.NaN;
        return Number.isFinite(date) && date < after;
      });
      for (const message of missed) if (!context.seen?.(String(message.id))) emit(message, true);
    },
    async listRooms(): Promise<RoomInfo[]> {
      const client =
        rest ?? new GotifyRest(base, await authHeaders(account, context), options.requestTimeoutMs);
      await learnApps(client);
      return [...apps].map(([id, name]) => ({ id: String(id), name, type: 'channel' }));
    },
    close: () => live.close(),
  };
  return connector;
}

async function authHeaders(
  account: GotifyAccount,
  context: ConnectorContext,
): Promise<Record<string, string>> {
  const { auth } = account;
  if ('token' in auth)
    return { 'X-Gotify-Key': await readSecret(context, auth.token, 'the Gotify client token') };
  const password = await readSecret(context, auth.password, 'the Gotify password');
  return { Authorization: basicAuth(auth.username, password) };
}
