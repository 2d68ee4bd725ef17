import type { TidingsEvent } from '../../core/events.js';
import type { MqttAccount } from '../../core/settings/accounts.js';
import { parseJsonFrame } from '../shared/frame-limit.js';
import { expandLinkTemplate, renderTemplate } from '../shared/template.js';
import { matchingFilter } from './topic-filter.js';

export const DEFAULT_TITLE = '{{topic}}';
export const DEFAULT_BODY = '{{payload}}';
export const RETAINED = 'retained message, sent on subscribe';

export type MqttMapAccount = Pick<
  MqttAccount,
  'id' | 'topics' | 'title' | 'body' | 'link' | 'room'
>;

export interface MqttMessage {
  topic: string;
  payload: Buffer;
  retained: boolean;
  /** The event id the connector gave it (see connector.ts: redeliveries keep theirs). */
  id: string;
  receivedAt: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload as text; a binary one as words, since a notification can show no bytes. */
export function payloadText(payload: Buffer): string {
  try {
    return utf8.decode(payload);
  } catch {
    return `(${payload.length} bytes of binary data)`;
  }
}

/** JSON payloads as their value, so templates reach `{{payload.field}}`; anything else as text. */
function payloadValue(text: string): unknown {
  if (!/^\s*[[{"]/.test(text)) return text;
  const parsed = parseJsonFrame(text, (value): value is unknown => value !== undefined);
  return parsed.ok ? parsed.value : text;
}

/**
 * One MQTT message as an event in the room of its topic filter (or topic), with the account's
 * title, body and link templates filled in. A template that comes out empty (a field the payload
 * lacks) falls back to the topic and the payload's text, so nothing shows blank.
 */
export function mapMqttMessage(account: MqttMapAccount, message: MqttMessage): TidingsEvent {
  const text = payloadText(message.payload);
  const values = { topic: message.topic, payload: payloadValue(text) };
  const room =
    account.room === 'topic' ? message.topic : matchingFilter(account.topics, message.topic);
  const title = renderTemplate(account.title ?? DEFAULT_TITLE, values).trim() || message.topic;
  const body = renderTemplate(account.body ?? DEFAULT_BODY, values).trim() || text;
  const url = expandLinkTemplate(account.link, values);
  return {
    account: account.id,
    kind: 'message-sent',
    id: message.id,
    time: message.receivedAt,
    room: { id: room, name: room, type: 'collection' },
    title,
    body,
    mentionsUser: false,
    ownMessage: false,
    ...(url !== undefined && { url }),
    // The broker's last known value, not news: it may be days old.
    ...(message.retained && { historyOnly: RETAINED }),
    raw: values,
  };
}
