import type { AccountStatus } from '../../app/core/connector.js';
import type { TrayAccount, TrayState } from '../../app/desktop/tray/tray-model.js';
import { T0 } from './events.js';

/** The "Work chat" account at T0, online with nothing unread unless told otherwise. */
export function trayAccount(
  status: Partial<AccountStatus>,
  extra: Partial<TrayAccount> = {},
): TrayAccount {
  return {
    id: 'work',
    name: 'Work chat',
    status: { account: 'work', state: 'online', since: T0, ...status },
    unread: { count: 0, mentions: 0 },
    ...extra,
  };
}

/** What the tray shows at T0 with one account online; times written as en-GB in UTC. */
export function trayState(overrides: Partial<TrayState> = {}): TrayState {
  return {
    accounts: [trayAccount({})],
    recent: [],
    dnd: { active: false, on: false, label: 'off' },
    allPaused: false,
    now: T0,
    locale: 'en-GB',
    timeZone: 'UTC',
    ...overrides,
  };
}
