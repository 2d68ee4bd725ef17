import type { Logger } from '../../core/log.js';
import type { DdpConnection, StreamHandler } from './ddp-connection.js';
import { DdpError } from './ddp-error.js';

/** The form of the second `sub` parameter: RC's own clients send the object, Era A takes only `false`. */
const STREAM_OPTIONS = { useCollection: false, args: [] } as const;

/**
 * The client's stream subscriptions, one on the server per stream event however many handlers
 * listen to it: frames carry no subscription id, so a second server subscription to the same
 * event would deliver every event twice to every handler. Handles name one handler each.
 */
export class StreamSubscriptions {
  /** Whether the server refused the object form once: then every stream uses `false`. */
  private plainStreamOptions = false;
  private handles = 0;
  private readonly handlesByKey = new Map<string, { key: string; off: () => void }>();
  private readonly shared = new Map<string, { id: Promise<string>; users: number }>();

  constructor(
    private readonly connection: DdpConnection,
    private readonly log: Logger,
    /** The site, for the log. */
    private readonly server: string,
  ) {}

  /**
   * Subscribes to one event of a stream (`notify-user`, `room-messages`...) and routes its
   * events to `handler`; resolves with the handle once the server said `ready`.
   */
  async add(stream: string, eventName: string, handler: StreamHandler): Promise<string> {
    const collection = `stream-${stream}`;
    const key = `${collection}\u0000${eventName}`;
    const off = this.connection.route(collection, eventName, handler);
    const handle = `h${++this.handles}`;
    let shared = this.shared.get(key);
    if (!shared) {
      const pending = { id: this.subscribe(collection, eventName), users: 0 };
      this.shared.set(key, (shared = pending));
      pending.id.catch(() => {
        if (this.shared.get(key) === pending) this.shared.delete(key);
      });
    }
    shared.users++;
    try {
      await shared.id;
    } catch (error) {
      off();
      throw error;
    }
    this.handlesByKey.set(handle, { key, off });
    return handle;
  }

  /** Stops one handler; the server subscription ends with its last handler. */
  remove(handle: string): void {
    const entry = this.handlesByKey.get(handle);
    if (!entry) return;
    this.handlesByKey.delete(handle);
    entry.off();
    const shared = this.shared.get(entry.key);
    if (!shared || --shared.users > 0) return;
    this.shared.delete(entry.key);
    void shared.id.then((id) => this.connection.unsubscribe(id));
  }

  private async subscribe(collection: string, eventName: string): Promise<string> {
    const options = this.plainStreamOptions ? false : STREAM_OPTIONS;
    const sub = this.connection.subscribe(collection, [eventName, options]);
    try {
      await sub.ready;
      return sub.id;
    } catch (error) {
      // Era A servers check the second parameter as a boolean: `Match failed`, then `false` works.
      // Judge by the form this attempt sent: streams subscribed together all fail the same way,
      // and each must retry even after the first of them has switched the form.
      if (options === false || !(error instanceof DdpError) || error.code !== 400) throw error;
      if (!this.plainStreamOptions)
        this.log.info('Rocket.Chat server takes only `false` as stream options', {
          server: this.server,
        });
      this.plainStreamOptions = true;
      return this.subscribe(collection, eventName);
    }
  }
}
