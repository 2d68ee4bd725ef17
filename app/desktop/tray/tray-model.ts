import type { AccountStatus } from '../../core/connector.js';
import type { DndChoice } from '../../core/rules/dnd.js';
import { isFailing } from '../status-words.js';

/** Everything the tray shows; the menu, icon and tooltip are pure functions of it. */
export interface TrayState {
  accounts: TrayAccount[];
  /** Newest first. */
  recent: TrayRecent[];
  dnd: TrayDnd;
  /** The system's do-not-disturb; absent reads as "not holding anything back". */
  systemDnd?: { holding: boolean; source?: string };
  /** Whether notifications can be shown; absent reads as "they can". */
  notifier?: { available: boolean; warning?: string };
  allPaused: boolean;
  now: number;
  /** How times are written ("Muted until 14:30"); the system's locale and zone when absent. */
  locale?: string;
  timeZone?: string;
}

export interface TrayAccount {
  id: string;
  name: string;
  status: AccountStatus;
  unread: { count: number; mentions: number };
  /** When the account's mute ends (ms), while it is muted. */
  mutedUntil?: number;
  /** The web page "Open" opens (the account's server); without one it opens its settings. */
  site?: string | undefined;
}

export interface TrayDnd {
  active: boolean;
  on: boolean;
  label: string;
  /** The choice a timed do-not-disturb came from. */
  choice?: DndChoice;
  /** When a timed do-not-disturb ends (ms). */
  endsAt?: number;
}

export interface TrayRecent {
  seq: number;
  title: string;
  body: string;
}

export type TrayIconState = 'quiet' | 'unread' | 'mention' | 'offline' | 'paused' | 'dnd';
export const TRAY_ICON_STATES: readonly TrayIconState[] = [
  'quiet',
  'unread',
  'mention',
  'offline',
  'paused',
  'dnd',
];

export type TrayAction =
  | { type: 'open-account'; account: string }
  | { type: 'fix-sign-in'; account: string }
  | { type: 'edit-account'; account: string }
  | { type: 'add-account' }
  | { type: 'mark-account-read'; account: string }
  | { type: 'mute-account'; account: string; minutes: number }
  | { type: 'unmute-account'; account: string }
  | { type: 'reconnect'; account: string }
  | { type: 'pause'; account: string }
  | { type: 'open-recent'; seq: number }
  | { type: 'dnd'; choice: DndChoice }
  | { type: 'pause-all' }
  | { type: 'resume-all' }
  | { type: 'settings' }
  | { type: 'quit' };

export function isPaused(status: AccountStatus): boolean {
  return status.state === 'offline' && status.reason === 'paused';
}

function totals(state: TrayState) {
  return state.accounts.reduce(
    (sum, a) => ({ count: sum.count + a.unread.count, mentions: sum.mentions + a.unread.mentions }),
    { count: 0, mentions: 0 },
  );
}

/**
 * Do-not-disturb first (the user chose it), then trouble, then everything paused (nothing can
 * arrive, whatever the counts say), then mentions, then unread.
 */
export function trayIconState(state: TrayState): TrayIconState {
  if (state.dnd.active || state.systemDnd?.holding) return 'dnd';
  if (state.accounts.some((a) => isFailing(a.status))) return 'offline';
  if (state.allPaused) return 'paused';
  const { count, mentions } = totals(state);
  if (mentions > 0) return 'mention';
  if (count > 0) return 'unread';
  return 'quiet';
}

/** "held back by the system’s do not disturb (dunst is paused)", for tooltip and menu. */
export function systemDndWords(source: string | undefined): string {
  return `held back by the system’s do not disturb${source ? ` (${source})` : ''}`;
}

/** "1 mention", "2 mentions". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function trayTooltip(state: TrayState): string {
  const { count, mentions } = totals(state);
  const parts: string[] = [];
  if (state.allPaused) parts.push('paused');
  if (count > 0) parts.push(`${count} unread`);
  if (mentions > 0) parts.push(plural(mentions, 'mention'));
  const failing = state.accounts.filter((a) => isFailing(a.status)).length;
  if (failing > 0) parts.push(`${plural(failing, 'account')} offline`);
  const paused = state.accounts.filter((a) => isPaused(a.status)).length;
  if (paused > 0 && !state.allPaused) parts.push(`${plural(paused, 'account')} paused`);
  const muted = state.accounts.filter((a) => a.mutedUntil !== undefined).length;
  if (muted > 0) parts.push(`${plural(muted, 'account')} muted`);
  if (state.dnd.active) parts.push(`do not disturb ${state.dnd.label}`);
  if (state.systemDnd?.holding)
    parts.push(`notifications ${systemDndWords(state.systemDnd.source)}`);
  if (state.notifier?.available === false)
    parts.push('notifications cannot be shown (kept in History)');
  // "All quiet" with nothing set up would say that all is well when nothing can arrive.
  const idle = state.accounts.length === 0 ? 'no accounts yet' : 'all quiet';
  return `Tidings — ${parts.length > 0 ? parts.join(', ') : idle}`;
}

/** The count beside the icon in the macOS menu bar; nothing when there is nothing unread. */
export function trayTitle(state: TrayState): string {
  const { count } = totals(state);
  return count > 0 ? String(count) : '';
}

/**
 * How long (ms) until the tray would say something else with nothing else changing: the next
 * second of a "reconnecting in N s" countdown, the end of a mute or of a timed do-not-disturb.
 * Undefined when nothing shown depends on the clock.
 */
export function nextTrayChange(state: TrayState): number | undefined {
  const { now } = state;
  const waits: number[] = [];
  for (const { status, mutedUntil } of state.accounts) {
    if (status.state === 'reconnecting' && status.retryAt !== undefined && status.retryAt > now) {
      // The words round up ("in 8 s" for 7.2 s): they change as the rest crosses a whole second.
      const left = status.retryAt - now;
      waits.push(left - 1000 * (Math.ceil(left / 1000) - 1));
    }
    if (mutedUntil !== undefined && mutedUntil > now) waits.push(mutedUntil - now);
  }
  if (state.dnd.endsAt !== undefined && state.dnd.endsAt > now) waits.push(state.dnd.endsAt - now);
  return waits.length > 0 ? Math.min(...waits) : undefined;
}
