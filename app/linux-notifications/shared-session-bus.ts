import { connectSessionBus, type SessionBus } from './session-bus.js';

/** Hands out a session-bus connection; each caller closes what it was given when done with it. */
export type ConnectBus = () => Promise<SessionBus>;

interface Shared {
  bus: Promise<SessionBus>;
  users: number;
}

/**
 * One session-bus connection for everything a front end does on the bus (the notification sink
 * and the system do-not-disturb detector), so there is one socket and it goes and comes back for
 * all at once. Each caller gets its own view of it: closing the view drops that caller's signal
 * listeners, and the connection itself closes when the last view does. After the bus went away,
 * the next caller opens a new one.
 */
export function sharedSessionBus(
  env: NodeJS.ProcessEnv = process.env,
  connect: (env: NodeJS.ProcessEnv) => Promise<SessionBus> = connectSessionBus,
): ConnectBus {
  let current: Shared | undefined;

  const open = (): Shared => {
    if (current) return current;
    const made: Shared = { bus: connect(env), users: 0 };
    current = made;
    const forget = () => {
      if (current === made) current = undefined;
    };
    made.bus.then((bus) => void bus.closed.then(forget), forget);
    return made;
  };

  return async () => {
    const shared = open();
    const bus = await shared.bus;
    shared.users++;
    const unsubscribes = new Set<() => void>();
    let released = false;
    let markReleased!: (why: Error) => void;
    const releasedNow = new Promise<Error>((resolve) => (markReleased = resolve));
    const release = () => {
      if (released) return;
      released = true;
      for (const off of unsubscribes) off();
      unsubscribes.clear();
      markReleased(new Error('closed'));
      if (--shared.users > 0) return;
      // Nobody uses it: the next caller must not be handed this one while it closes.
      if (current === shared) current = undefined;
      bus.close();
    };
    void bus.closed.then(release);
    return {
      call: (request) =>
        released
          ? Promise.reject(new Error('the D-Bus session bus connection is closed'))
          : bus.call(request),
      onSignal(listener) {
        const off = bus.onSignal(listener);
        unsubscribes.add(off);
        return () => {
          off();
          unsubscribes.delete(off);
        };
      },
      addMatch: (rule) => bus.addMatch(rule),
      nameOwner: (name) => bus.nameOwner(name),
      closed: Promise.race([bus.closed, releasedNow]),
      close: release,
    };
  };
}
