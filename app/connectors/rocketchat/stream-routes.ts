import type { Logger } from '../../core/log.js';
import type { Frame } from './ddp-frames.js';

/** `(args, eventName)` of one `changed` event on a stream. */
export type StreamHandler = (args: unknown[], eventName: string) => void;

/**
 * Where `changed` frames go: by collection (`stream-notify-user`...) and event name
 * (`<uid>/notification`...). Frames carry no subscription id, so this is the only way to tell
 * them apart.
 */
export class StreamRoutes {
  private readonly routes = new Map<string, Map<string, StreamHandler[]>>();

  constructor(private readonly log: Logger) {}

  /** Routes `changed` frames of `collection` with `eventName` to the handler; returns an off(). */
  add(collection: string, eventName: string, handler: StreamHandler): () => void {
    let byEvent = this.routes.get(collection);
    if (!byEvent) this.routes.set(collection, (byEvent = new Map()));
    const handlers = byEvent.get(eventName) ?? [];
    byEvent.set(eventName, [...handlers, handler]);
    return () => {
      const current = byEvent.get(eventName)?.filter((h) => h !== handler) ?? [];
      if (current.length > 0) byEvent.set(eventName, current);
      else byEvent.delete(eventName);
    };
  }

  /** Hands a `changed` frame's args to the handlers of its event; one without any is dropped. */
  deliver(frame: Frame): void {
    const fields = frame.fields as Frame | undefined;
    const collection = frame.collection;
    const eventName = fields?.eventName;
    const args = fields?.args;
    if (typeof collection !== 'string' || typeof eventName !== 'string' || !Array.isArray(args)) {
      this.log.warn('Rocket.Chat event frame without collection, eventName or args; ignored', {
        collection: String(collection),
      });
      return;
    }
    const handlers = this.routes.get(collection)?.get(eventName);
    if (!handlers) return;
    for (const handler of handlers) handler(args, eventName);
  }
}
