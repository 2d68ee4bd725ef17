import type { Settings } from '../../core/settings/schema.js';
import { splitSecrets, type AccountSecrets } from '../account-secrets.js';
import type { AppCore } from './core.js';

/** The whole settings in and out: what export and import (settings-transfer.ts) work from. */
export class SettingsTransfer {
  constructor(private readonly core: AppCore) {}

  /** The settings as they are now, secrets filled in. */
  withSecrets(): { settings: Settings; secretsOf(id: string): AccountSecrets } {
    return {
      settings: this.core.settings,
      secretsOf: (id) => this.core.options.secrets.get(id),
    };
  }

  /** Replaces every account and rule with an imported file's (already validated). */
  async replace(imported: Settings): Promise<void> {
    const core = this.core;
    await Promise.all(core.settings.accounts.map((a) => core.halt(a.id)));
    for (const old of core.settings.accounts) core.options.secrets.remove(old.id);
    const accounts = imported.accounts.map((incoming) => {
      const { account, secrets } = splitSecrets(incoming);
      core.options.secrets.set(account.id, secrets);
      return account;
    });
    core.saveSettings({ ...imported, accounts });
    core.pipeline.setSettings(imported.notifications);
    for (const account of accounts) core.run(account);
  }
}
