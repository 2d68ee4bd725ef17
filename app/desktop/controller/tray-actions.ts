import type { Account } from '../../core/settings/accounts.js';
import type { TrayAction } from '../tray/tray-model.js';
import type { AppCore } from './core.js';
import type { HistoryViews } from './history.js';
import type { Notifications } from './notifications.js';

/** The web page the tray's "Open" opens: the account's server, where it is a web server. */
export function accountSite(account: Account): string | undefined {
  return 'server' in account && /^https?:/.test(account.server) ? account.server : undefined;
}

/** What a tray item does; `settings` and `quit` are the Electron edge's. */
export async function performTrayAction(
  core: AppCore,
  parts: { notifications: Notifications; history: HistoryViews },
  action: TrayAction,
): Promise<void> {
  switch (action.type) {
    case 'open-account': {
      const account = core.account(action.account);
      const site = account && accountSite(account);
      if (site) await core.openLink(site, action.account);
      else core.options.showSettings?.({ page: 'accounts', account: action.account });
      return;
    }
    case 'fix-sign-in':
      core.options.showSettings?.({ page: 'accounts', account: action.account, signIn: true });
      return;
    case 'edit-account':
      core.options.showSettings?.({ page: 'accounts', account: action.account });
      return;
    case 'add-account':
      core.options.showSettings?.({ page: 'accounts' });
      return;
    case 'mark-account-read':
      core.pipeline.markAccountRead(action.account);
      return;
    case 'mute-account':
      parts.notifications.muteAccount(action.account, action.minutes);
      return;
    case 'unmute-account':
      parts.notifications.unmuteAccount(action.account);
      return;
    case 'reconnect':
      core.supervisor.reconnect(action.account);
      return;
    case 'pause':
      await core.supervisor.pause(action.account);
      return;
    case 'open-recent':
      await parts.history.open(action.seq);
      return;
    case 'dnd':
      parts.notifications.setDnd(action.choice);
      return;
    case 'pause-all':
      await Promise.all(core.runningIds().map((id) => core.supervisor.pause(id)));
      return;
    case 'resume-all':
      for (const id of core.runningIds()) core.supervisor.reconnect(id);
      return;
    case 'settings':
      core.options.showSettings?.();
      return;
    case 'quit':
      return;
  }
}
