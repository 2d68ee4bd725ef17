import { muteAccountRules, unmuteAccountRules } from '../../core/rules/account-mute.js';
import { applyDndChoice, type DndChoice } from '../../core/rules/dnd.js';
import { muteRoomRules } from '../../core/rules/room-mute.js';
import type { Outcome, SaveResult } from '../../ipc/contract.js';
import { checkNotifications } from '../account-form.js';
import type { AppCore } from './core.js';

/** Notification settings, do-not-disturb and mutes. */
export class Notifications {
  constructor(private readonly core: AppCore) {}

  save(candidate: unknown): SaveResult {
    const checked = checkNotifications(candidate);
    if (!checked.ok) return checked;
    // The switch itself belongs to the tray: a window opened earlier must not turn it back.
    const { on, until, choice } = this.core.settings.notifications.dnd;
    const { on: _on, until: _until, choice: _choice, ...rest } = checked.notifications.dnd;
    this.core.setNotifications({ ...checked.notifications, dnd: { ...rest, on, until, choice } });
    return { ok: true };
  }

  setDnd(choice: DndChoice): Outcome {
    const notifications = this.core.settings.notifications;
    const dnd = applyDndChoice(notifications.dnd, choice, this.core.now(), notifications.timeZone);
    this.core.setNotifications({ ...notifications, dnd });
    return { ok: true, message: `Do not disturb ${this.core.dnd(this.core.now()).label}` };
  }

  /** "Send a test notification": through the same sink real ones take. */
  async sendTest(accountId?: string): Promise<Outcome> {
    const account = accountId === undefined ? undefined : this.core.account(accountId);
    if (accountId !== undefined && !account)
      return { ok: false, message: `no account "${accountId}"` };
    const name = account ? (account.name ?? account.id) : 'Tidings';
    try {
      await this.core.options.sink.show({
        key: `test:${accountId ?? ''}`,
        account: accountId ?? '',
        room: { id: 'test', name: 'Test', type: 'server' },
        kind: 'message-sent',
        eventId: `test-${this.core.now()}`,
        title: account ? `${name}: test notification` : 'Tidings: test notification',
        body: account
          ? `Notifications from ${name} look like this.`
          : 'Notifications from Tidings look like this.',
        count: 1,
        mention: false,
      });
    } catch (error) {
      return { ok: false, message: `The system did not show it: ${String(error)}` };
    }
    return {
      ok: true,
      message:
        'Test notification sent. If none appeared, check your system’s notification settings.',
    };
  }

  /** Silences an account's notifications (the tray's "Mute for 1 hour"). */
  muteAccount(id: string, minutes: number): void {
    const until = new Date(this.core.now() + minutes * 60_000).toISOString();
    const { notifications } = this.core.settings;
    this.core.setNotifications({
      ...notifications,
      rules: muteAccountRules(notifications.rules, id, until),
    });
  }

  /** Silences one room of an account (a notification's "Mute 1 hour"). */
  muteRoom(account: string, room: string, minutes: number): void {
    const until = new Date(this.core.now() + minutes * 60_000).toISOString();
    const { notifications } = this.core.settings;
    this.core.setNotifications({
      ...notifications,
      rules: muteRoomRules(notifications.rules, account, room, until),
    });
  }

  /** Takes the account's mute off (the tray's "Unmute"). */
  unmuteAccount(id: string): void {
    const { notifications } = this.core.settings;
    this.core.setNotifications({
      ...notifications,
      rules: unmuteAccountRules(notifications.rules, id),
    });
  }
}
