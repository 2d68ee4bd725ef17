import dbus from 'dbus-next';
import { backoffDelay } from '../core/supervisor/backoff.js';

/**
 * One connection to the user's session D-Bus, for the notification sink and for reading the
 * notification server's do-not-disturb (app/system-dnd). dbus-next leaves two gaps this closes: a connection that fails
 * leaves its Hello call pending forever, and calls made when the socket has gone never settle. So
 * every call here has a timeout, and `closed` settles when the connection ends.
 */
export interface SessionBus {
  /** A method call; resolves with the reply's arguments, rejects with the D-Bus error's text. */
  call(request: BusCall): Promise<unknown[]>;
  /** Every signal that a match rule (see `addMatch`) lets through; returns the unsubscribe. */
  onSignal(listener: (signal: BusSignal) => void): () => void;
  addMatch(rule: string): Promise<void>;
  /** The unique name owning a well-known name, undefined when nobody does. */
  nameOwner(name: string): Promise<string | undefined>;
  /** Resolves, with why, when the connection has ended (the bus went away or close()). */
  readonly closed: Promise<Error>;
  close(): void;
}

export interface BusCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}

export interface BusSignal {
  sender: string;
  path: string;
  interface: string;
  member: string;
  body: unknown[];
}

const DBUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus' };
const CALL_TIMEOUT_MS = 5_000;

/**
 * The one reconnect policy for everything on the session bus: a bus or a server that is not there
 * is looked for again within 10 s at most, however long it stays away, sooner at first.
 */
const RECONNECT = { initialMs: 1_000, maxMs: 10_000, minMs: 500 };

/** How long to wait before the `attempt`-th (from 0) new look for the bus or the server. */
export function busRetryDelay(attempt: number, random: () => number = Math.random): number {
  return backoffDelay(attempt, random, RECONNECT);
}

/**
 * Where the session bus is: the address the session gave, else systemd's per-user socket (a user
 * service may start before the session exported the variable).
 */
export function sessionBusAddress(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  if (env.XDG_RUNTIME_DIR) return `unix:path=${env.XDG_RUNTIME_DIR}/bus`;
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} got no answer in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function describe(error: unknown): Error {
  if (error instanceof dbus.DBusError) return new Error(error.text || error.type);
  return error instanceof Error ? error : new Error(String(error));
}

export async function connectSessionBus(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = CALL_TIMEOUT_MS,
): Promise<SessionBus> {
  const address = sessionBusAddress(env);
  if (!address)
    throw new Error('no D-Bus session bus (neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR)');
  let bus: dbus.MessageBus;
  try {
    bus = dbus.sessionBus({ busAddress: address });
  } catch (error) {
    throw new Error(`cannot use the D-Bus session bus at ${address}: ${describe(error).message}`);
  }
  let markClosed!: (why: Error) => void;
  const closed = new Promise<Error>((resolve) => (markClosed = resolve));
  let ended = false;
  // dbus-next's own (untyped) connection: its socket's end is the only sign the bus went away.
  const connection = (bus as unknown as { _connection: NodeJS.EventEmitter })._connection;
  const end = (why: Error) => {
    if (ended) return;
    ended = true;
    markClosed(why);
    // Frames still buffered would be handled after the socket is shut, and dbus-next answers a
    // method call there with a send that throws out of its socket handler: stop handling first.
    connection.removeAllListeners('message');
    bus.disconnect();
  };
  connection.on('end', () => end(new Error('the D-Bus session bus closed the connection')));
  bus.on('error', (error) => end(new Error(`D-Bus session bus: ${describe(error).message}`)));

  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        bus.once('connect', resolve);
        void closed.then(reject);
      }),
      timeoutMs,
      `the D-Bus session bus at ${address}`,
    );
  } catch (error) {
    end(describe(error));
    throw describe(error);
  }

  const call = async (request: BusCall): Promise<unknown[]> => {
    if (ended) throw new Error('the D-Bus session bus connection is closed');
    const message = new dbus.Message({ ...request, body: request.body ?? [] });
    const reply = bus.call(message).catch((error: unknown) => Promise.reject(describe(error)));
    const what = `${request.interface}.${request.member}`;
    const answer = await Promise.race([
      withTimeout(reply, timeoutMs, what),
      closed.then((e) => Promise.reject(e)),
    ]);
    return (answer?.body ?? []) as unknown[];
  };

  return {
    call,
    onSignal(listener) {
      const onMessage = (message: dbus.Message) => {
        if (message.type !== dbus.MessageType.SIGNAL) return;
        listener({
          sender: message.sender ?? '',
          path: message.path ?? '',
          interface: message.interface ?? '',
          member: message.member ?? '',
          body: message.body as unknown[],
        });
      };
      bus.on('message', onMessage);
      return () => void bus.off('message', onMessage);
    },
    async addMatch(rule) {
      await call({
        ...DBUS,
        interface: 'org.freedesktop.DBus',
        member: 'AddMatch',
        signature: 's',
        body: [rule],
      });
    },
    async nameOwner(name) {
      try {
        const [owner] = await call({
          ...DBUS,
          interface: 'org.freedesktop.DBus',
          member: 'GetNameOwner',
          signature: 's',
          body: [name],
        });
        return typeof owner === 'string' ? owner : undefined;
      } catch (error) {
        if (ended) throw error;
        return undefined; // NameHasNoOwner
      }
    },
    closed,
    close: () => end(new Error('closed')),
  };
}
