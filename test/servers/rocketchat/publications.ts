import { stringifyEjson } from './ejson.js';

/** One end of a live DDP connection, as the publications see it. */
export interface Peer {
  readonly sessionId: string;
  readonly userId: string | undefined;
  /** Writes an already serialised frame. */
  sendRaw(text: string): void;
}

interface Registration {
  peer: Peer;
  subId: string;
}

const key = (collection: string, eventName: string) => `${collection}\u0000${eventName}`;

/**
 * Every live stream subscription, by stream and event name. An event is serialised once and
 * written to each registration, so two subscriptions to the same event on one connection get
 * two copies, as on a real server. There is no replay: only registrations present now receive.
 */
export class Publications {
  private readonly byEvent = new Map<string, Set<Registration>>();
  private readonly byPeer = new Map<
    Peer,
    Map<string, { event: string; registration: Registration }>
  >();

  add(peer: Peer, subId: string, collection: string, eventName: string): void {
    const event = key(collection, eventName);
    const registration: Registration = { peer, subId };
    let registrations = this.byEvent.get(event);
    if (!registrations) this.byEvent.set(event, (registrations = new Set()));
    registrations.add(registration);
    let subs = this.byPeer.get(peer);
    if (!subs) this.byPeer.set(peer, (subs = new Map()));
    subs.set(subId, { event, registration });
  }

  has(peer: Peer, subId: string): boolean {
    return this.byPeer.get(peer)?.has(subId) ?? false;
  }

  remove(peer: Peer, subId: string): boolean {
    const entry = this.byPeer.get(peer)?.get(subId);
    if (!entry) return false;
    this.byPeer.get(peer)!.delete(subId);
    this.byEvent.get(entry.event)?.delete(entry.registration);
    return true;
  }

  removePeer(peer: Peer): void {
    for (const subId of [...(this.byPeer.get(peer)?.keys() ?? [])]) this.remove(peer, subId);
    this.byPeer.delete(peer);
  }

  /**
   * Sends `{msg: "changed"}` to every registration for the event. `args` may be a function of
   * the peer for events whose arguments differ per receiver (`__my_messages__`); returning
   * undefined skips that peer.
   */
  emit(
    collection: string,
    eventName: string,
    args: unknown[] | ((peer: Peer) => unknown[] | undefined),
    except?: Peer,
  ): void {
    const registrations = this.byEvent.get(key(collection, eventName));
    if (!registrations || registrations.size === 0) return;
    const frame = (eventArgs: unknown[]) =>
      stringifyEjson({
        msg: 'changed',
        collection,
        id: 'id',
        fields: { eventName, args: eventArgs },
      });
    const shared = typeof args === 'function' ? undefined : frame(args);
    for (const { peer } of [...registrations]) {
      if (peer === except) continue;
      if (shared !== undefined) {
        peer.sendRaw(shared);
        continue;
      }
      const own = (args as (peer: Peer) => unknown[] | undefined)(peer);
      if (own) peer.sendRaw(frame(own));
    }
  }
}
