import type { AccountStatus } from '../../core/connector.js';
import type { DndChoice } from '../../core/rules/dnd.js';
import { isFailing, statusWords } from '../status-words.js';

/** Everything the tray shows; the menu, icon and tooltip are pure functions of it. */
export interface TrayState {
  accounts: TrayAccount[];
  /** Newest first. */
  recent: TrayRecent[];
  dnd: { active: boolean; on: boolean; label: string };
  allPaused: boolean;
  now: number;
}

export interface TrayAccount {
  id: string;
  name: string;
  status: AccountStatus;
  unread: { count: number; mentions: number };
}

export interface TrayRecent {
  seq: number;
  title: string;
  body: string;
}

export type TrayIconState = 'quiet' | 'unread' | 'mention' | 'offline' | 'dnd';
export const TRAY_ICON_STATES: readonly TrayIconState[] = [
  'quiet',
  'unread',
  'mention',
  'offline',
  'dnd',
];

export type TrayAction =
  | { type: 'open-account'; account: string }
  | { type: 'mark-account-read'; account: string }
  | { type: 'mute-account'; account: string; minutes: number }
  | { type: 'reconnect'; account: string }
  | { type: 'pause'; account: string }
  | { type: 'open-recent'; seq: number }
  | { type: 'dnd'; choice: DndChoice }
  | { type: 'pause-all' }
  | { type: 'resume-all' }
  | { type: 'settings' }
  | { type: 'quit' };

export interface MenuSpec {
  label?: string;
  type?: 'normal' | 'separator' | 'radio' | 'submenu';
  checked?: boolean;
  enabled?: boolean;
  action?: TrayAction;
  submenu?: MenuSpec[];
}

export const RECENT_IN_MENU = 5;
const RECENT_LABEL_LENGTH = 60;

const DND_CHOICES: readonly [DndChoice, string][] = [
  ['off', 'Off'],
  ['30m', 'For 30 minutes'],
  ['1h', 'For 1 hour'],
  ['tomorrow-morning', 'Until tomorrow morning'],
  ['until-off', 'Until turned off'],
];

function totals(state: TrayState) {
  return state.accounts.reduce(
    (sum, a) => ({ count: sum.count + a.unread.count, mentions: sum.mentions + a.unread.mentions }),
    { count: 0, mentions: 0 },
  );
}

/** Do-not-disturb first (the user chose it), then trouble, then mentions, then unread. */
export function trayIconState(state: TrayState): TrayIconState {
  if (state.dnd.active) return 'dnd';
  if (state.accounts.some((a) => isFailing(a.status))) return 'offline';
  const { count, mentions } = totals(state);
  if (mentions > 0) return 'mention';
  if (count > 0) return 'unread';
  return 'quiet';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function trayTooltip(state: TrayState): string {
  const { count, mentions } = totals(state);
  const parts: string[] = [];
  if (count > 0) parts.push(`${count} unread`);
  if (mentions > 0) parts.push(plural(mentions, 'mention'));
  const failing = state.accounts.filter((a) => isFailing(a.status)).length;
  if (failing > 0) parts.push(`${plural(failing, 'account')} offline`);
  if (state.dnd.active) parts.push(`do not disturb ${state.dnd.label}`);
  return `Tidings — ${parts.length > 0 ? parts.join(', ') : 'all quiet'}`;
}

/** The count beside the icon in the macOS menu bar; nothing when there is nothing unread. */
export function trayTitle(state: TrayState): string {
  const { count } = totals(state);
  return count > 0 ? String(count) : '';
}

function shorten(text: string, max = RECENT_LABEL_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function accountItem(account: TrayAccount, now: number): MenuSpec {
  const { count, mentions } = account.unread;
  const unread = count > 0 ? ` — ${count} unread${mentions > 0 ? `, ${mentions} @` : ''}` : '';
  const paused = account.status.state === 'offline' && account.status.reason === 'paused';
  const id = account.id;
  return {
    label: `${account.name}: ${statusWords(account.status, now)}${unread}`,
    type: 'submenu',
    submenu: [
      { label: 'Open', action: { type: 'open-account', account: id } },
      {
        label: 'Mark all as read',
        enabled: count > 0 || mentions > 0,
        action: { type: 'mark-account-read', account: id },
      },
      { label: 'Mute for 1 hour', action: { type: 'mute-account', account: id, minutes: 60 } },
      { label: paused ? 'Resume' : 'Reconnect', action: { type: 'reconnect', account: id } },
      { label: 'Pause', enabled: !paused, action: { type: 'pause', account: id } },
    ],
  };
}

/** The tray's context menu (Linux AppIndicator shows only a menu, so everything is here). */
export function trayMenu(state: TrayState): MenuSpec[] {
  const separator: MenuSpec = { type: 'separator' };
  const accounts: MenuSpec[] =
    state.accounts.length > 0
      ? state.accounts.map((account) => accountItem(account, state.now))
      : [{ label: 'No accounts yet', enabled: false }];
  const recent: MenuSpec[] =
    state.recent.length > 0
      ? state.recent.slice(0, RECENT_IN_MENU).map((r) => ({
          label: shorten(`${r.title}: ${r.body}`),
          action: { type: 'open-recent', seq: r.seq },
        }))
      : [{ label: 'Nothing yet', enabled: false }];
  const dndHeader: MenuSpec[] = state.dnd.active
    ? [{ label: `On ${state.dnd.label}`, enabled: false }, separator]
    : [];
  return [
    ...accounts,
    separator,
    { label: 'Recent notifications', type: 'submenu', submenu: recent },
    {
      label: state.dnd.active ? `Do not disturb (${state.dnd.label})` : 'Do not disturb',
      type: 'submenu',
      submenu: [
        ...dndHeader,
        ...DND_CHOICES.map(([choice, label]): MenuSpec => ({
          label,
          type: 'radio',
          // A timed do-not-disturb has no radio of its own: none is checked, the header says when.
          checked:
            (choice === 'off' && !state.dnd.active) || (choice === 'until-off' && state.dnd.on),
          action: { type: 'dnd', choice },
        })),
      ],
    },
    state.allPaused
      ? { label: 'Resume all', action: { type: 'resume-all' } }
      : { label: 'Pause all', enabled: state.accounts.length > 0, action: { type: 'pause-all' } },
    separator,
    { label: 'Settings…', action: { type: 'settings' } },
    { label: 'Quit Tidings', action: { type: 'quit' } },
  ];
}
