import { BoundedSet } from '../../core/bounded-set.js';
import { readSecret } from '../shared/read-secret.js';
import { ConnectorError, type Connector, type ConnectorFactory } from '../../core/connector.js';
import type { Secret } from '../../core/settings/fields.js';
import type { TidingsEvent } from '../../core/events.js';
import type { ThreeDRepoAccount } from '../../core/settings/accounts.js';
import { catchUp } from './catch-up.js';
import { CatchUpQueries } from './catch-up-queries.js';
import { ChatSocket, type ChatOptions, type JoinResult } from './client.js';
import { cookieHeader, parseCookies, SESSION_COOKIE, type Cookies } from './cookies.js';
import type { MapContext } from './event.js';
import { learnFrom } from './learn.js';
import { Links } from './links.js';
import { mapThreeDRepoEvent } from './mapper.js';
import { listModels } from './model-list.js';
import { Memory } from './memory.js';
import type { ModelType } from './model-frame.js';
import { ThreeDRepoRest, type ChatEndpoint } from './rest.js';
import { joinWords, roomSpecs, type RoomSpec } from './rooms.js';
import { sessionRefusal, type ChatEndpointSource } from './session-destination.js';

const DEFAULT_CHAT_PATH = '/chat';
/** Enough for a catch-up of thousands of items and the live events around it. */
const EMITTED_LIMIT = 20_000;
const MALFORMED_DETAIL = 'Malformed packets';

/**
 * The 3D Repo connector: the chat service over socket.io, every configured room joined on each
 * connect, each frame mapped to events. Who the user is comes from `GET /v5/login`, which also
 * tells an expired session from a room the user may not see. The chat service replays
 * nothing: `catchUp` asks the REST API what changed in each joined room (catch-up.ts).
 */
export const createThreeDRepoConnector: ConnectorFactory<ThreeDRepoAccount> = (account, context) =>
  threeDRepoConnector()(account, context);

/** Tests shorten the silence probe; the app uses the default. */
export type ThreeDRepoTuning = Pick<ChatOptions, 'probeIntervalMs'>;

export function threeDRepoConnector(
  tuning: ThreeDRepoTuning = {},
): ConnectorFactory<ThreeDRepoAccount> {
  return (account, context) => createConnector(account, context, tuning);
}

function createConnector(
  account: ThreeDRepoAccount,
  context: Parameters<ConnectorFactory<ThreeDRepoAccount>>[1],
  tuning: ThreeDRepoTuning,
): Connector {
  const rest = new ThreeDRepoRest(account.server);
  const rooms = roomSpecs(account);
  const byKey = new Map(rooms.map((spec) => [spec.key, spec]));
  const memory = new Memory();
  const links = new Links(account.server);
  let socket: ChatSocket | undefined;
  let username: string | undefined;
  /** Packets dropped as undecodable since the app started, across reconnects. */
  let malformed = 0;
  /** The session a user name and password signed in to, kept across reconnects. */
  let signedIn: Cookies | undefined;
  /** The session the current connection uses: catch-up's queries go with it. */
  let session: Cookies | undefined;
  /** Rooms that joined on the current connection: only those are caught up. */
  let joined: RoomSpec[] = [];
  /** Event ids emitted this run, so catch-up leaves out what the live link already brought. */
  const emitted = new BoundedSet<string>(EMITTED_LIMIT);
  const queries = new CatchUpQueries(rest, () => session);
  const modelTypes = new Map<string, ModelType>();
  const refusalsLogged = new Set<string>();

  function emit(event: TidingsEvent): void {
    emitted.add(event.id);
    context.emit(event);
  }

  const mapContext = (): MapContext => ({
    account: account.id,
    username,
    links,
    receivedAt: Date.now(),
    room: (key) => byKey.get(key),
    modelSpec: (teamspace, model) =>
      rooms.find(
        (spec) =>
          'model' in spec.request &&
          spec.request.teamspace === teamspace &&
          spec.request.model === model,
      ),
    recall: memory,
  });

  function received(name: string, payload: unknown): void {
    learnFrom(name, payload, memory);
    for (const event of mapThreeDRepoEvent(name, payload, mapContext())) {
      if (event.kind === 'unknown')
        context.log.warn('3D Repo event kept in history only', {
          account: account.id,
          event: name,
          reason: event.historyOnly,
        });
      emit(event);
    }
  }

  const secret = (value: Secret, what: string) => readSecret(context, value, what);

  async function sessionCookies(): Promise<Cookies | undefined> {
    const auth = account.auth;
    if (!auth) return undefined;
    if ('cookie' in auth) return parseCookies(await secret(auth.cookie, 'the session cookie'));
    if (signedIn) return signedIn;
    // A new sign-in (a probe's too) ends no session of ours: 3D Repo ends only the user's
    // browser sessions from the site a sign-in's Referer names, and Node's fetch sends neither
    // a browser User-Agent nor a Referer (README, 3D Repo; test/connectors/3drepo/probe.test.ts).
    const sid = await rest.login(auth.username, await secret(auth.password, 'the password'));
    signedIn = new Map([[SESSION_COOKIE, sid]]);
    return signedIn;
  }

  async function chatEndpoint(): Promise<ChatEndpoint & { source: ChatEndpointSource }> {
    if (account.chat)
      return {
        url: account.chat.url,
        path: account.chat.path ?? DEFAULT_CHAT_PATH,
        source: 'settings',
      };
    return { ...(await rest.chatEndpoint()), source: 'config.js' };
  }

  function showResults(results: readonly JoinResult[]): void {
    for (const { spec, code, message } of results) {
      context.detail(spec.label, joinWords(code, message));
      if (code !== undefined)
        context.log.warn('3D Repo room not joined', {
          account: account.id,
          room: spec.label,
          code,
          message,
        });
    }
  }

  /** Online if any room joined; otherwise why not, in words the user can act on. */
  function verdict(results: readonly JoinResult[], cookies: Cookies | undefined): void {
    if (results.some((result) => result.code === undefined)) return;
    const refused = results.some((result) => result.code === 'UNAUTHORISED');
    if (refused && !cookies)
      throw new ConnectorError(
        'auth',
        'not signed in: add a session cookie or a user name and password',
      );
    if (refused) throw new ConnectorError('auth', 'the chat service did not accept the session');
    if (results.every((result) => result.code === 'ROOM_NOT_FOUND'))
      throw new ConnectorError('config', 'none of the rooms exists or is open to this user');
    throw new ConnectorError('network', 'the chat service did not answer the room joins');
  }

  async function attempt(): Promise<void> {
    const cookies = await sessionCookies();
    const { source, ...endpoint } = await chatEndpoint();
    const refusal = cookies && sessionRefusal(account.server, endpoint.url, source);
    if (refusal) throw new ConnectorError('config', refusal);
    const current = new ChatSocket(
      { ...endpoint, ...tuning, cookie: cookies && cookieHeader(cookies), rooms },
      {
        event: received,
        loggedOut: (reason) => {
          signedIn = undefined;
          if (socket === current) context.lost(new ConnectorError('auth', `signed out: ${reason}`));
        },
        lost: (error) => {
          if (socket === current) context.lost(error);
        },
        malformed: () => {
          if (socket !== current) return;
          const count = ++malformed;
          context.detail(
            MALFORMED_DETAIL,
            `${count} packet${count === 1 ? '' : 's'} that could not be decoded dropped; the connection and the events after ${count === 1 ? 'it' : 'them'} kept`,
          );
        },
      },
      context.log,
    );
    socket = current;
    session = cookies;
    const results = await current.open();
    showResults(results);
    joined = results.filter((result) => result.code === undefined).map((result) => result.spec);
    // Also what tells a bad or expired cookie (every room UNAUTHORISED) from anything else.
    if (cookies) username = await rest.whoAmI(cookies);
    verdict(results, cookies);
  }

  async function closeSocket(): Promise<void> {
    const current = socket;
    socket = undefined;
    await current?.close();
  }

  /**
   * A probe's own password sign-in ends with it, rather than lingering on the server until it
   * expires. Only a probe's: the live account keeps its session across reconnects, and a
   * session cookie (the user's browser sign-in) is never logged out.
   */
  async function logOutProbeSession(): Promise<void> {
    const own = signedIn;
    signedIn = undefined;
    if (!own) return;
    await rest.logout(own).catch((error: unknown) =>
      context.log.debug('3D Repo probe logout failed', {
        account: account.id,
        error: String(error),
      }),
    );
  }

  const connector: Connector = {
    async connect() {
      await closeSocket();
      const reused = signedIn !== undefined;
      try {
        await attempt();
      } catch (error) {
        await closeSocket();
        const failure = ConnectorError.from(error);
        // A kept password session may have expired: sign in afresh once.
        if (!(reused && failure.kind === 'auth')) throw failure;
        signedIn = undefined;
        try {
          await attempt();
        } catch (again) {
          await closeSocket();
          throw ConnectorError.from(again);
        }
      }
    },
    async listRooms() {
      const cookies = await sessionCookies();
      if (!cookies)
        throw new ConnectorError('auth', 'listing models needs a sign-in: add one first');
      const followed = new Set(rooms.map((spec) => spec.key));
      return (await listModels(rest, cookies)).map((room) =>
        followed.has(room.id) ? { ...room, followed: true } : room,
      );
    },
    catchUp(since) {
      return catchUp(since, {
        account: account.id,
        queries,
        rooms: joined,
        memory,
        context: mapContext,
        seen: (id) => emitted.has(id) || (context.seen?.(id) ?? false),
        emit,
        log: context.log,
        modelTypes,
        refusalsLogged,
      });
    },
    async close() {
      await closeSocket();
      if (context.probe) await logOutProbeSession();
    },
  };
  return connector;
}
