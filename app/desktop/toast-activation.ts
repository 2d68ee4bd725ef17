import { Notification } from 'electron';
import type { Page } from '../ipc/contract.js';

/**
 * Tidings' toast activator on Windows. Set before the AppUserModelID, it goes into the Start
 * Menu shortcut and the COM registration Electron writes, so a click on a toast in the Action
 * Center starts Tidings when it is not running. It must never change: old toasts carry it.
 */
export const TOAST_ACTIVATOR_CLSID = '{E02E6B11-7AD1-40EE-B064-85E9A88E4A13}';

/**
 * Where a toast activation should take the user. A live Notification object gets its own
 * `click`/`action`/`reply` events, which open the message itself; with none alive (Tidings was
 * restarted, or started by the click), the toast's message is no longer known by this process
 * (Electron passes only a hash of the toast's tag), so History, which lists it with its link.
 */
export function activationPage(liveNotifications: number): Page | undefined {
  return liveNotifications === 0 ? 'history' : undefined;
}

/** Windows only (Electron's `Notification.handleActivation` is win32). */
export function handleToastActivations(options: {
  liveNotifications(): number;
  open(page: Page): void;
}): void {
  Notification.handleActivation(() => {
    const page = activationPage(options.liveNotifications());
    if (page) options.open(page);
  });
}
