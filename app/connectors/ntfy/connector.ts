import { BadFrames } from '../../core/bad-frames.js';
import { systemClock } from '../../core/clock.js';
import type { Connector, ConnectorContext } from '../../core/connector.js';
import type { NtfyAccount } from '../../core/settings/accounts.js';
import { basicAuth } from '../shared/basic-auth.js';
import { CLOSED_FOR_FRAME } from '../shared/frame-limit.js';
import { LiveSession } from '../shared/live-session.js';
import { readSecret } from '../shared/read-secret.js';
import { scopedCursor } from '../shared/scoped-cursor.js';
import { JsonStream } from './json-stream.js';
import { mapNtfyFrame, type NtfyFrame } from './mapper.js';
import { pollCached } from './poll.js';
import { UpgradeRefused, type NtfyStream, type StreamEvents } from './stream.js';
import { WebSocketStream } from './ws-stream.js';

export interface NtfyTuning {
  connectTimeoutMs: number;
  /**
   * Silence this long and the WebSocket is pinged; twice this and the link is dead. At 26 s a
   * dead link is found within 59 s, before ntfy's 45 s keepalive is missed twice.
   */
  keepAliveMs: number;
}

export const NTFY_DEFAULTS: NtfyTuning = { connectTimeoutMs: 15_000, keepAliveMs: 26_000 };

/** How far before the last time online a catch-up by time looks: clocks differ. */
const CATCH_UP_MARGIN_S = 60;

/**
 * How long ntfy keeps messages by default (`cache-duration`, 12 h, also ntfy.sh's): after a
 * longer absence the catch-up may miss some, and the status says so.
 */
export const NTFY_CACHE_MS = 12 * 3_600_000;
export const PARTIAL_CATCH_UP =
  'away longer than ntfy keeps messages (12 h by default): older ones may be gone';

/** Frames that stand for nothing cached: they never move the catch-up point. */
const UNCACHED = new Set(['open', 'keepalive', 'poll_request']);

/**
 * The ntfy connector: all the account's topics on one subscription, the WebSocket first and the
 * JSON stream where the WebSocket is refused (or had to close for an oversized frame). Each
 * reconnect subscribes with `since=<the last message id seen>`, so the server sends what was
 * missed before anything new; nothing is lost, and the pipeline's dedupe keeps it from twice.
 */
export function createNtfyConnector(
  account: NtfyAccount,
  context: ConnectorContext,
  tuning: Partial<NtfyTuning> = {},
): Connector {
  const options = { ...NTFY_DEFAULTS, ...tuning };
  const live = new LiveSession<NtfyStream>();
  const badFrames = new BadFrames({
    account: account.id,
    server: 'ntfy',
    clock: systemClock,
    log: context.log,
    detail: context.detail,
  });
  const base = account.server.replace(/\/+$/, '');
  const minPriority = account.minPriority ?? 1;
  // Kept with the history, so a restart of the app also asks only for what it has not seen.
  const kept = scopedCursor(context, `${base}/${[...account.topics].sort().join(',')}`);
  let lastId: string | undefined = kept.get();
  /** The server's time at the first subscription's `open`: where to go on from before any id. */
  let firstOpenedAt: number | undefined;
  let subscribedSince = false;
  let useJson = false;
  /** The server's time (seconds) at the live subscription's `open`: older frames are backlog. */
  let openedAt = Number.POSITIVE_INFINITY;
  let headers: Record<string, string> = {};
  let saidPartial = false;

  /** Says beside the status whether a catch-up from `since` (ms) can be whole. */
  function judgeCatchUp(since: number): void {
    if (Date.now() - since > NTFY_CACHE_MS) {
      saidPartial = true;
      context.detail('catch-up', PARTIAL_CATCH_UP);
    } else if (saidPartial) {
      saidPartial = false;
      context.detail('catch-up', 'complete');
    }
  }

  function urlFor(kind: 'ws' | 'json', query: Record<string, string>): string {
    const url = new URL(`${base}/${account.topics.join(',')}/${kind}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    if (kind === 'ws') url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  function handle(frame: NtfyFrame, catchUp: boolean): void {
    const time = typeof frame.time === 'number' ? frame.time : Number.POSITIVE_INFINITY;
    const event = mapNtfyFrame(frame, {
      account: account.id,
      server: base,
      minPriority,
      catchUp: catchUp || time < openedAt,
    });
    if (event) context.emit(event);
    if (!UNCACHED.has(frame.event)) moveTo(frame.id);
  }

  /** After the event is emitted, so the kept point is committed with it, never before. */
  function moveTo(id: string): void {
    lastId = id;
    kept.set(id);
  }

  const refused: StreamEvents['refused'] = (kind, fields) => badFrames.refused(kind, fields);

  async function subscribe(json: boolean, query: Record<string, string>): Promise<void> {
    const stream: NtfyStream = new (json ? JsonStream : WebSocketStream)(
      {
        url: urlFor(json ? 'json' : 'ws', query),
        headers,
        connectTimeoutMs: options.connectTimeoutMs,
        keepAliveMs: options.keepAliveMs,
      },
      {
        opened: (frame) => {
          if (typeof frame.time !== 'number') return;
          openedAt = frame.time;
          firstOpenedAt ??= frame.time;
        },
        frame: (frame) => handle(frame, false),
        refused,
        lost: (error) => {
          if (error.reconnectAtOnce) {
            // The WebSocket can refuse a frame only by closing, and the frame is still in the
            // server's cache: the JSON stream can skip it.
            badFrames.explain(`${CLOSED_FOR_FRAME}; now on the JSON stream, which can skip it`);
            useJson = true;
          }
          if (live.isLive(stream)) context.lost(error);
        },
      },
    );
    openedAt = Number.POSITIVE_INFINITY;
    await live.open(stream);
  }

  return {
    async connect() {
      await live.close();
      headers = await authHeaders(account, context);
      // The last id seen, else the server's own time of the first subscription: never this
      // machine's clock, which may differ from the server's.
      const since = lastId ?? (firstOpenedAt !== undefined ? String(firstOpenedAt) : undefined);
      const query: Record<string, string> = since !== undefined ? { since } : {};
      subscribedSince = since !== undefined;
      try {
        await subscribe(useJson, query);
      } catch (error) {
        if (!(error instanceof UpgradeRefused) || useJson) throw error;
        context.log.info('ntfy refused the WebSocket; using the JSON stream', {
          account: account.id,
          error: error.message,
        });
        useJson = true;
        await subscribe(true, query);
      }
      context.detail('connection', useJson ? 'JSON stream' : 'WebSocket');
    },
    async catchUp(since) {
      // `since` is when the account was last online, in this run or an earlier one.
      judgeCatchUp(since);
      // Subscribed from a point of the server's: it sent the backlog first already. Left is a
      // start with the time of an earlier run (the state database's marker).
      if (subscribedSince) return;
      const from = Math.max(0, Math.floor(since / 1000) - CATCH_UP_MARGIN_S);
      const frames = await pollCached(
        urlFor('json', { poll: '1', since: String(from) }),
        headers,
        { refused },
        options.connectTimeoutMs,
      );
      const newest = lastId;
      for (const frame of frames) if (!context.seen?.(frame.id)) handle(frame, true);
      // What came live meanwhile is newer than the backlog: keep it as the point to go on from.
      if (newest !== undefined) moveTo(newest);
    },
    // ntfy lists no topics to a subscriber: the picker offers the account's own.
    listRooms: () =>
      Promise.resolve(account.topics.map((topic) => ({ id: topic, name: topic, type: 'channel' }))),
    close: () => live.close(),
  };
}

async function authHeaders(
  account: NtfyAccount,
  context: ConnectorContext,
): Promise<Record<string, string>> {
  const { auth } = account;
  if (!auth) return {};
  if ('token' in auth)
    return {
      Authorization: `Bearer ${await readSecret(context, auth.token, 'the ntfy access token')}`,
    };
  const password = await readSecret(context, auth.password, 'the ntfy password');
  return { Authorization: basicAuth(auth.username, password) };
}
