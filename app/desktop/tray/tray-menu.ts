import { formatTime } from '../../core/format-time.js';
import type { DndChoice } from '../../core/rules/dnd.js';
import { statusWords } from '../status-words.js';
import {
  isPaused,
  plural,
  systemDndWords,
  type TrayAccount,
  type TrayAction,
  type TrayState,
} from './tray-model.js';

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
/** An account's line: a server's long reason is cut here, the whole of it is in Settings. */
const STATUS_LABEL_LENGTH = 70;
const MUTE_MINUTES = 60;

const DND_CHOICES: readonly [DndChoice, string][] = [
  ['off', 'Off'],
  ['30m', 'For 30 minutes'],
  ['1h', 'For 1 hour'],
  ['tomorrow-morning', 'Until tomorrow morning'],
  ['until-off', 'Until turned off'],
];

const separator: MenuSpec = { type: 'separator' };

function shorten(text: string, max = RECENT_LABEL_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Offline for a reason of its own (not paused): its settings stop it (a secret missing, an env
 * secret in the desktop app) and it does not retry, so the way out is the account's editor.
 */
function needsSettings(account: TrayAccount): boolean {
  const { status } = account;
  return status.state === 'offline' && status.reason !== undefined && !isPaused(status);
}

/** "Open chat.example.com" says where it goes; a broker has no page, so its settings open. */
function openLabel(account: TrayAccount): string {
  if (account.site === undefined) return 'Open in Settings';
  try {
    return `Open ${new URL(account.site).host}`;
  } catch {
    return 'Open in the browser';
  }
}

function accountItem(account: TrayAccount, state: TrayState): MenuSpec {
  const { count, mentions } = account.unread;
  const unread =
    count > 0 ? ` — ${count} unread${mentions > 0 ? `, ${plural(mentions, 'mention')}` : ''}` : '';
  const paused = isPaused(account.status);
  const id = account.id;
  const mutedUntil =
    account.mutedUntil === undefined
      ? undefined
      : formatTime(account.mutedUntil, {
          locale: state.locale,
          timeZone: state.timeZone,
          relativeTo: state.now,
        });
  const muted = mutedUntil === undefined ? '' : `, muted until ${mutedUntil}`;
  const mute: MenuSpec[] =
    mutedUntil === undefined
      ? [
          {
            label: 'Mute for 1 hour',
            action: { type: 'mute-account', account: id, minutes: MUTE_MINUTES },
          },
        ]
      : [
          { label: `Muted until ${mutedUntil}`, enabled: false },
          { label: 'Unmute', action: { type: 'unmute-account', account: id } },
        ];
  const fix: MenuSpec[] =
    account.status.state === 'auth-failed'
      ? [{ label: 'Fix sign-in…', action: { type: 'fix-sign-in', account: id } }]
      : needsSettings(account)
        ? [{ label: 'Fix in Settings…', action: { type: 'edit-account', account: id } }]
        : [];
  const status = shorten(statusWords(account.status, state.now), STATUS_LABEL_LENGTH);
  return {
    label: `${account.name}: ${status}${muted}${unread}`,
    type: 'submenu',
    submenu: [
      ...fix,
      { label: openLabel(account), action: { type: 'open-account', account: id } },
      {
        label: 'Mark all as read',
        enabled: count > 0 || mentions > 0,
        action: { type: 'mark-account-read', account: id },
      },
      ...mute,
      { label: paused ? 'Resume' : 'Reconnect', action: { type: 'reconnect', account: id } },
      { label: 'Pause', enabled: !paused, action: { type: 'pause', account: id } },
    ],
  };
}

function dndChecked(choice: DndChoice, dnd: TrayState['dnd']): boolean {
  if (!dnd.active) return choice === 'off';
  if (dnd.on) return choice === 'until-off';
  return choice === dnd.choice;
}

function dndItem(state: TrayState): MenuSpec {
  const { dnd, systemDnd } = state;
  const system = systemDnd?.holding === true;
  const header: MenuSpec[] = [
    ...(dnd.active ? [{ label: `On ${dnd.label}`, enabled: false }] : []),
    // The system's switch is not Tidings' to change: it is said, not offered.
    ...(system
      ? [{ label: `Notifications ${systemDndWords(systemDnd.source)}`, enabled: false }]
      : []),
  ];
  if (header.length > 0) header.push(separator);
  const label = dnd.active
    ? `Do not disturb (${dnd.label})`
    : system
      ? 'Do not disturb (on in the system)'
      : 'Do not disturb';
  return {
    label,
    type: 'submenu',
    submenu: [
      ...header,
      ...DND_CHOICES.map(([choice, label]): MenuSpec => ({
        label,
        type: 'radio',
        checked: dndChecked(choice, dnd),
        action: { type: 'dnd', choice },
      })),
    ],
  };
}

/** The tray's context menu (Linux AppIndicator shows only a menu, so everything is here). */
export function trayMenu(state: TrayState): MenuSpec[] {
  const accounts: MenuSpec[] =
    state.accounts.length > 0
      ? state.accounts.map((account) => accountItem(account, state))
      : [
          // First run: the one thing to do is add an account, so the tray offers it.
          { label: 'No accounts yet', enabled: false },
          { label: 'Add an account…', action: { type: 'add-account' } },
        ];
  const recent: MenuSpec[] =
    state.recent.length > 0
      ? state.recent.slice(0, RECENT_IN_MENU).map((r) => ({
          label: shorten(`${r.title}: ${r.body}`),
          action: { type: 'open-recent', seq: r.seq },
        }))
      : [{ label: 'Nothing yet', enabled: false }];
  // Said first, where it is seen: nothing pops up until a notification server is back.
  const notifier: MenuSpec[] = state.notifier?.warning
    ? [{ label: state.notifier.warning, enabled: false }, separator]
    : [];
  return [
    ...notifier,
    ...accounts,
    separator,
    { label: 'Recent notifications', type: 'submenu', submenu: recent },
    dndItem(state),
    state.allPaused
      ? { label: 'Resume all', action: { type: 'resume-all' } }
      : { label: 'Pause all', enabled: state.accounts.length > 0, action: { type: 'pause-all' } },
    separator,
    { label: 'Settings…', action: { type: 'settings' } },
    { label: 'Quit Tidings', action: { type: 'quit' } },
  ];
}
