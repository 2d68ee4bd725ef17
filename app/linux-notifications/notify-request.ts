import dbus from 'dbus-next';
import { pathToFileURL } from 'node:url';
import { MESSAGE_KINDS, type EventKind, type EventLink } from '../core/events.js';
import { escapeMarkup } from '../core/markup.js';
import type { RoomNotification } from '../core/notification.js';
import type { NotifyRequest } from './notification-server.js';

/** The action keys Tidings sends; "default" is what a click on the notification invokes. */
export const ACTION = {
  open: 'default',
  markRead: 'mark-read',
  mute: 'mute-1h',
  reply: 'inline-reply',
} as const;

/**
 * A daemon shows a few lines of either; D-Bus caps a message at 128 MiB but a hostile server's
 * megabytes would still travel to the daemon and sit in its memory. Escaping grows the body up to
 * 5 bytes a character ("&amp;"), which stays far below any limit.
 */
export const NOTIFY_LIMITS = { title: 1_000, body: 16_000 };
/** C0 controls (NUL first) and DEL; newline and tab are text. D-Bus strings may hold no NUL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Half a surrogate pair: not encodable as the UTF-8 D-Bus requires. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as a notification daemon can take it: no controls, valid UTF-16, cut with "…". */
export function daemonText(text: string, max: number): string {
  const clean = text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max - 1);
  // Never end on half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export type Urgency = 'low' | 'normal' | 'critical';
const URGENCY_BYTE: Record<Urgency, number> = { low: 0, normal: 1, critical: 2 };
const MESSAGES: ReadonlySet<EventKind> = new Set<EventKind>(MESSAGE_KINDS);

/** Tidings' own "while do-not-disturb was on" summary: it points to history, nothing new. */
function isHistorySummary(n: RoomNotification): boolean {
  return n.account === 'tidings' && n.room.id === 'do-not-disturb';
}

/** Whether the notification is about a room a user can mark read or mute. */
export function isAboutRoom(n: RoomNotification): boolean {
  return !isHistorySummary(n) && !n.key.startsWith('test:');
}

/** Mentions and direct messages stay until dismissed; a history-only summary is low. */
export function urgencyOf(n: RoomNotification): Urgency {
  if (n.mention || n.stayUntilDismissed) return 'critical';
  return isHistorySummary(n) ? 'low' : 'normal';
}

export interface RequestOptions {
  capabilities: ReadonlySet<string>;
  /** The user's `--actions` (on unless turned off). */
  actions: boolean;
  /** The account's connector can reply (KDE's inline reply is offered only then). */
  canReply: boolean;
  /** The source's icon, a PNG path. */
  icon?: string;
  /** The notification replaces the one shown (a burst folding in, an edit): no sound again. */
  replacesId: number;
  sound: boolean;
  appName: string;
  desktopEntry: string;
}

/**
 * The notification's own buttons (ntfy's `view` and `http` actions) beside Open, Mark as read and
 * Mute: two at most, as on macOS and Windows; daemons show few buttons (GNOME three, dunst a menu).
 */
export const MAX_LINK_BUTTONS = 2;
const LINK_ACTION_PREFIX = 'link-';

export function linkButtons(n: RoomNotification): EventLink[] {
  return (n.links ?? []).slice(0, MAX_LINK_BUTTONS);
}

/** The action key of the notification's link button at this index. */
export function linkAction(index: number): string {
  return `${LINK_ACTION_PREFIX}${index}`;
}

/** The link button an action key names, if it names one. */
export function linkOfAction(n: RoomNotification, key: string): EventLink | undefined {
  if (!key.startsWith(LINK_ACTION_PREFIX)) return undefined;
  const index = Number(key.slice(LINK_ACTION_PREFIX.length));
  return Number.isInteger(index) ? linkButtons(n)[index] : undefined;
}

function actionsFor(n: RoomNotification, o: RequestOptions): string[] {
  if (!o.actions || !o.capabilities.has('actions')) return [];
  const actions: string[] = [ACTION.open, 'Open'];
  if (!isAboutRoom(n)) return actions;
  actions.push(ACTION.markRead, 'Mark as read', ACTION.mute, 'Mute 1 hour');
  linkButtons(n).forEach((link, index) => actions.push(linkAction(index), link.label));
  if (o.canReply && o.capabilities.has('inline-reply')) actions.push(ACTION.reply, 'Reply');
  return actions;
}

/** The Notify call for a room's notification, using only what the server said it has. */
export function notifyRequest(n: RoomNotification, o: RequestOptions): NotifyRequest {
  const actions = actionsFor(n, o);
  const hints: Record<string, dbus.Variant> = {
    urgency: new dbus.Variant('y', URGENCY_BYTE[urgencyOf(n)]),
    'desktop-entry': new dbus.Variant('s', o.desktopEntry),
  };
  if (MESSAGES.has(n.kind)) hints.category = new dbus.Variant('s', 'im.received');
  if (o.icon && o.capabilities.has('icon-static'))
    hints['image-path'] = new dbus.Variant('s', pathToFileURL(o.icon).href);
  // An update is the same notification changing: it never plays the sound again.
  if (o.replacesId !== 0 || !o.sound) hints['suppress-sound'] = new dbus.Variant('b', true);
  if (actions.includes(ACTION.reply))
    hints['x-kde-reply-placeholder-text'] = new dbus.Variant('s', 'Reply…');
  const body = daemonText(n.body, NOTIFY_LIMITS.body);
  return {
    appName: o.appName,
    replacesId: o.replacesId,
    appIcon: '',
    summary: daemonText(n.title, NOTIFY_LIMITS.title),
    // Where the server reads markup, server text must not become bold, links or broken XML.
    body: o.capabilities.has('body-markup') ? escapeMarkup(body) : body,
    actions,
    hints,
    // The user asked their server for notifications that wait for them: no expiry.
    expireTimeout: n.stayUntilDismissed ? 0 : -1,
  };
}
