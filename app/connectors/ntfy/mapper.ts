import { cleanLine } from '../../core/display-text.js';
import type { EventLink, LinkRequest, TidingsEvent } from '../../core/events.js';
import { markdownToText } from '../shared/markdown-text.js';
import { child, intOf, isPayload, text, type Payload } from '../shared/payload.js';
import { emojiOfTags } from './tags.js';

/** A frame of ntfy's subscribe API (server/types.go): every one has an event and an id. */
export interface NtfyFrame extends Payload {
  id: string;
  event: string;
}

export function isNtfyFrame(value: unknown): value is NtfyFrame {
  return isPayload(value) && typeof value.event === 'string' && typeof value.id === 'string';
}

export interface NtfyMapContext {
  account: string;
  /** The server's base URL, for the link to the topic when a message has none. */
  server: string;
  minPriority: number;
  /** Received in the backlog of a catch-up rather than pushed live. */
  catchUp: boolean;
}

/** Priority 4 (high) and 5 (max): shown as urgent, and let through where only mentions are. */
export const URGENT_PRIORITY = 4;
const DEFAULT_PRIORITY = 3;

/**
 * One ntfy frame as an event: `message` notifies, `message_delete`/`message_clear` (newer
 * servers) retract the message they name; `open`, `keepalive` and `poll_request` are none.
 */
export function mapNtfyFrame(frame: NtfyFrame, context: NtfyMapContext): TidingsEvent | undefined {
  if (frame.event === 'message') return messageEvent(frame, context);
  if (frame.event === 'message_delete' || frame.event === 'message_clear')
    return retractEvent(frame, context);
  return undefined;
}

function base(frame: NtfyFrame, context: NtfyMapContext) {
  const topic = text(frame.topic) ?? 'ntfy';
  const seconds = intOf(frame.time);
  return {
    account: context.account,
    time: seconds !== undefined ? seconds * 1000 : Date.now(),
    room: { id: topic, name: topic, type: 'channel' as const },
    mentionsUser: false,
    ownMessage: false,
    raw: frame,
    topic,
  };
}

function messageEvent(frame: NtfyFrame, context: NtfyMapContext): TidingsEvent {
  const { topic, ...common } = base(frame, context);
  const priority = priorityOf(frame.priority);
  const tags = Array.isArray(frame.tags) ? frame.tags.filter((t) => typeof t === 'string') : [];
  const emoji = emojiOfTags(tags);
  const heading = text(frame.title) ?? topic;
  const attachment = child(frame, 'attachment');
  const attachmentUrl = text(attachment?.url);
  const own = text(frame.click) ?? firstViewAction(frame);
  // The attachment's link is not in the body: a click opens it, or a button does.
  const link = own ?? attachmentUrl ?? topicLink(context.server, topic);
  const avatar = text(frame.icon);
  const buttons = withAttachmentButton(actionLinks(frame), link, attachmentUrl);
  return {
    ...common,
    kind: 'message-sent',
    id: frame.id,
    title: emoji.length > 0 ? `${emoji.join(' ')} ${heading}` : heading,
    body: [bodyOf(frame), attachmentLine(attachment)].filter(Boolean).join('\n'),
    mentionsUser: priority >= URGENT_PRIORITY,
    url: link,
    ...(buttons.length > 0 && { links: buttons }),
    ...(avatar && { author: { id: topic, name: topic, avatarUrl: avatar } }),
    ...(priority < context.minPriority && {
      historyOnly: `priority ${priority}, below ${context.minPriority}`,
    }),
    ...(context.catchUp && { catchUp: true }),
  };
}

function retractEvent(frame: NtfyFrame, context: NtfyMapContext): TidingsEvent {
  const { topic, ...common } = base(frame, context);
  // Newer servers name the message by its sequence id, which is its id unless it was updated.
  const target = text(frame.sequence_id) ?? frame.id;
  return {
    ...common,
    kind: 'message-deleted',
    id: `${frame.event}|${frame.id}`,
    target,
    title: topic,
    body: frame.event === 'message_clear' ? 'dismissed' : 'deleted',
  };
}

function bodyOf(frame: NtfyFrame): string {
  const message = text(frame.message) ?? '';
  return frame.content_type === 'text/markdown' ? markdownToText(message) : message;
}

function priorityOf(value: unknown): number {
  const priority = intOf(value);
  return priority !== undefined && priority >= 1 && priority <= 5 ? priority : DEFAULT_PRIORITY;
}

function firstViewAction(frame: NtfyFrame): string | undefined {
  return actionLinks(frame).find((link) => !link.request)?.url;
}

/**
 * The `view` (open a link) and `http` (send a request) actions as the notification's buttons
 * (server/types.go `action`). An `http` request is sent only when its button is clicked, as
 * ntfy's apps do; `broadcast` (an Android intent) has nothing to do here.
 */
function actionLinks(frame: NtfyFrame): EventLink[] {
  if (!Array.isArray(frame.actions)) return [];
  return frame.actions.flatMap((action) => {
    if (!isPayload(action) || (action.action !== 'view' && action.action !== 'http')) return [];
    const url = text(action.url);
    const label = text(action.label);
    if (!url || !label) return [];
    const link: EventLink = { label: cleanLine(label).slice(0, MAX_LABEL), url };
    if (action.clear === true) link.clear = true;
    if (action.action === 'http') link.request = requestOf(action);
    return [link];
  });
}

/** ntfy's defaults: POST (not GET), no headers, an empty body. */
function requestOf(action: Payload): LinkRequest {
  const headers = child(action, 'headers') ?? {};
  return {
    method: text(action.method)?.toUpperCase() ?? 'POST',
    headers: Object.fromEntries(
      Object.entries(headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    body: typeof action.body === 'string' ? action.body : '',
  };
}

/** A button's label, as ntfy's apps cut it. */
const MAX_LABEL = 40;

/** ntfy sends at most three action buttons; the attachment's takes a fourth place only if free. */
const MAX_BUTTONS = 3;

/** "Open attachment" beside the message's own buttons, when a click opens something else. */
function withAttachmentButton(
  buttons: EventLink[],
  link: string,
  attachmentUrl: string | undefined,
): EventLink[] {
  if (!attachmentUrl || attachmentUrl === link || buttons.length >= MAX_BUTTONS) return buttons;
  return [...buttons, { label: 'Open attachment', url: attachmentUrl }];
}

/** "Attachment: report.pdf (1.2 MB)": ntfy keeps attached files; their link is the click's. */
function attachmentLine(attachment: Payload | undefined): string {
  if (!attachment) return '';
  const name = text(attachment.name) ?? (text(attachment.url) ? 'file' : undefined);
  if (!name) return '';
  const size = intOf(attachment.size);
  return `Attachment: ${name}${size !== undefined && size >= 0 ? ` (${sizeWords(size)})` : ''}`;
}

/** 512 B, 3.4 KB, 1.2 MB: as a file manager says it (decimal units, one decimal below 10). */
function sizeWords(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function topicLink(server: string, topic: string): string {
  return `${server.replace(/\/+$/, '')}/${encodeURIComponent(topic)}`;
}
