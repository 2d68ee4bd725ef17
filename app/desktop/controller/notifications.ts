import { applyDndChoice, type DndChoice } from '../../core/rules/dnd.js';
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
    const { on, until } = this.core.settings.notifications.dnd;
    const { on: _on, until: _until, ...rest } = checked.notifications.dnd;
    this.core.setNotifications({ ...checked.notifications, dnd: { ...rest, on, until } });
    return { ok: true };
  }

  setDnd(choice: DndChoice): Outcome {
    const notifications = this.core.settings.notifications;
    const dnd = applyDndChoice(notifications.dnd, choice, this.core.now(), notifications.timeZone);
    this.core.setNotifications({ ...notifications, dnd });
    return { ok: true, message: `Do not disturb ${this.core.dnd(this.core.now()).label}` };
  }

  /** Silences an account's notifications (the tray's "Mute for 1 hour"). */
  muteAccount(id: string, minutes: number): void {
    const until = new Date(this.core.now() + minutes * 60_000).toISOString();
    const rules = this.core.settings.notifications.rules.filter(
      (r) =>
        !(
          r.account === id &&
          r.room === undefined &&
          r.muteUntil !== undefined &&
          r.level === undefined
        ),
    );
    this.core.setNotifications({
      ...this.core.settings.notifications,
      rules: [...rules, { account: id, muteUntil: until }],
    });
  }
}
