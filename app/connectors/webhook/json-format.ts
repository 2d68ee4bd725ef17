import type { TidingsEvent } from '../../core/events.js';
import type { WebhookAccount } from '../../core/settings/accounts.js';
import { digestOf } from '../shared/digest.js';
import { text } from '../shared/payload.js';
import { expandLinkTemplate, renderTemplate, valueText } from '../shared/template.js';
import type { HookContext } from './rocketchat.js';
import { withoutToken } from './rocketchat.js';

/** The fields generic senders most often put their message in, when no template says. */
const TITLE_FIELDS = ['title', 'subject', 'summary'] as const;
const BODY_FIELDS = ['message', 'text', 'body', 'content', 'description'] as const;

type Templates = Pick<WebhookAccount, 'title' | 'body' | 'link' | 'room' | 'name'>;

/**
 * Any JSON body as one event: the account's templates over `{{payload.field}}`, or else the
 * usual fields (`title`, `message`, `text`…), or else the JSON itself. `room` (a template)
 * names the conversation a burst folds into; without it every post lands in one.
 */
export function mapJsonHook(
  payload: unknown,
  account: Templates,
  context: HookContext,
): TidingsEvent {
  const values = { payload: redacted(payload) };
  const fields =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const fallbackTitle = first(fields, TITLE_FIELDS) ?? account.name ?? 'Webhook';
  const fallbackBody = first(fields, BODY_FIELDS) ?? valueText(values.payload);
  const title = account.title ? renderTemplate(account.title, values).trim() : '';
  const body = account.body ? renderTemplate(account.body, values).trim() : '';
  const roomName = (account.room ? renderTemplate(account.room, values).trim() : '') || 'webhook';
  const url = expandLinkTemplate(account.link, values);
  return {
    account: context.account,
    kind: 'message-sent',
    // Named by content and arrival: a sender's retry after a lost answer is a second event.
    id: `${digestOf(context.bodyText)}:${context.arrival}`,
    time: context.receivedAt,
    room: { id: roomName, name: roomName, type: 'collection' },
    title: title || fallbackTitle,
    body: body || fallbackBody,
    mentionsUser: false,
    ownMessage: false,
    ...(url !== undefined && { url }),
    raw: values.payload,
  };
}

function first(fields: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(fields[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function redacted(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? withoutToken(payload as Record<string, unknown>)
    : payload;
}
