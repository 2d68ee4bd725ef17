import type { TidingsEvent } from '../../core/events.js';
import { markdownToText } from '../shared/markdown-text.js';
import { child, intOf, isPayload, text, type Payload } from '../shared/payload.js';

/** A message as Gotify sends it (model/message.go MessageExternal), on the stream and in pages. */
export interface GotifyMessage extends Payload {
  id: number;
  appid: number;
  message: string;
}

export function isGotifyMessage(value: unknown): value is GotifyMessage {
  return (
    isPayload(value) &&
    Number.isInteger(value.id) &&
    Number.isInteger(value.appid) &&
    typeof value.message === 'string'
  );
}

export interface GotifyMapContext {
  account: string;
  server: string;
  minPriority: number;
  /** Application names by id (GET /application). */
  appName(appid: number): string | undefined;
  catchUp: boolean;
}

/** Priority 8 and above: shown as urgent (Gotify's Android app raises these loudest). */
export const URGENT_PRIORITY = 8;

export function mapGotifyMessage(message: GotifyMessage, context: GotifyMapContext): TidingsEvent {
  const app = context.appName(message.appid) ?? `application ${message.appid}`;
  const extras = child(message, 'extras');
  const display = child(extras, 'client::display');
  const click = child(child(extras, 'client::notification'), 'click');
  const markdown = text(display?.contentType) === 'text/markdown';
  // Gotify stores an absent priority as the application's default; 0 is "no notification".
  const priority = intOf(message.priority) ?? 0;
  const date = typeof message.date === 'string' ? Date.parse(message.date) : Number.NaN;
  const historyOnly =
    priority === 0
      ? 'priority 0 (history only)'
      : priority < context.minPriority
        ? `priority ${priority}, below ${context.minPriority}`
        : undefined;
  return {
    account: context.account,
    kind: 'message-sent',
    id: String(message.id),
    time: Number.isFinite(date) ? date : Date.now(),
    room: { id: String(message.appid), name: app, type: 'channel' },
    title: text(message.title) ?? app,
    body: markdown ? markdownToText(message.message) : message.message,
    mentionsUser: priority >= URGENT_PRIORITY,
    ownMessage: false,
    url: text(click?.url) ?? context.server,
    raw: message,
    ...(historyOnly && { historyOnly }),
    ...(context.catchUp && { catchUp: true }),
  };
}
