import { ConnectorError } from '../../core/connector.js';
import type { Account } from '../../core/settings/accounts.js';
import type { Level } from '../../core/settings/fields.js';
import type {
  AccountAction,
  AccountForm,
  AccountView,
  Outcome,
  SaveResult,
} from '../../ipc/contract.js';
import { checkAccount, failed, type CheckedAccount } from '../account-form.js';
import {
  STORED_SECRET,
  blankSecrets,
  keepStoredSecrets,
  splitSecrets,
  type AccountSecrets,
} from '../account-secrets.js';
import { testConnection } from '../connection-test.js';
import { liveAnswer, runsTheSame } from '../live-connection-answer.js';
import { serverView } from '../server-preferences-view.js';
import { plainFailure, plainReason } from '../server-words.js';
import { statusWords } from '../status-words.js';
import type { AppCore } from './core.js';

const COOKIE = 'auth.cookie';
const bare = (server: string) => server.replace(/\/+$/, '');

/** A connector that can take the two-factor code its server asked for (Rocket.Chat's). */
interface TakesTwoFactorCode {
  setTwoFactorCode(code: string): void;
}
const takesTwoFactorCode = (connector: unknown): connector is TakesTwoFactorCode =>
  typeof (connector as Partial<TakesTwoFactorCode> | undefined)?.setTwoFactorCode === 'function';

/** Accounts: saving, removing, testing, signing in, their rooms, and how the window shows them. */
export class Accounts {
  /** 3D Repo sessions from "Sign in with browser" for an account not saved yet, by server. */
  private readonly pendingSessions = new Map<string, string>();

  constructor(private readonly core: AppCore) {}

  private get secrets() {
    return this.core.options.secrets;
  }

  /** The stored secrets a form left empty stands for, a fresh browser sign-in first. */
  private storedFor(form: AccountForm, previousId: string | undefined): AccountSecrets {
    const stored = previousId ? this.secrets.get(previousId) : {};
    const server = typeof form.server === 'string' ? bare(form.server) : undefined;
    const session = form.type === '3drepo' && server ? this.pendingSessions.get(server) : undefined;
    return session ? { ...stored, [COOKIE]: session } : stored;
  }

  async save(form: AccountForm, previousId?: string): Promise<SaveResult> {
    const previous = previousId === undefined ? undefined : this.core.account(previousId);
    if (previousId !== undefined && !previous) return failed('id', `no account "${previousId}"`);
    const accounts = this.core.settings.accounts;
    const others = accounts.filter((a) => a.id !== previousId);
    const stored = this.storedFor(form, previous?.id);
    const checked = checkAccount(
      keepStoredSecrets(form, stored),
      others,
      this.core.options.supportedTypes,
    );
    if (!checked.ok) return checked;
    const { account, secrets } = splitSecrets(checked.account);
    if (previous && previous.id !== account.id) this.secrets.remove(previous.id);
    this.secrets.set(account.id, secrets);
    if ('server' in account) this.pendingSessions.delete(bare(account.server));
    const index = previous ? accounts.indexOf(previous) : -1;
    const next = [...accounts];
    if (index >= 0) next[index] = account;
    else next.push(account);
    this.core.saveSettings({ ...this.core.settings, accounts: next });
    if (previous) await this.core.halt(previous.id);
    this.core.run(account);
    this.core.options.log.info('account saved', { account: account.id, type: account.type });
    return { ok: true };
  }

  async remove(id: string, forgetHistory = false): Promise<Outcome> {
    const account = this.core.account(id);
    if (!account) return { ok: false, message: `no account "${id}"` };
    await this.core.halt(id);
    this.secrets.remove(id);
    this.core.pipeline.markAccountRead(id);
    const forgotten = forgetHistory ? this.core.pipeline.history.removeAccount(id) : 0;
    this.core.saveSettings({
      ...this.core.settings,
      accounts: this.core.settings.accounts.filter((a) => a.id !== id),
    });
    const name = account.name ?? id;
    return {
      ok: true,
      message: forgetHistory
        ? `Removed ${name} and ${forgotten} event${forgotten === 1 ? '' : 's'} of its history.`
        : `Removed ${name}; its history stays.`,
    };
  }

  /** A form as it would be saved (its stored secrets filled in), not saving it. */
  check(form: AccountForm, previousId?: string): CheckedAccount {
    const others = this.core.settings.accounts.filter((a) => a.id !== previousId);
    return checkAccount(
      keepStoredSecrets(form, this.storedFor(form, previousId)),
      others,
      this.core.options.supportedTypes,
    );
  }

  async test(form: AccountForm, previousId?: string): Promise<Outcome> {
    const checked = this.check(form, previousId);
    if (!checked.ok) {
      const first = checked.errors[0];
      return { ok: false, message: `${first?.field || 'account'}: ${first?.message ?? 'invalid'}` };
    }
    const live =
      previousId === undefined ? undefined : this.liveAnswer(checked.account, previousId);
    if (live) return live;
    const outcome = await testConnection(checked.account, {
      createConnector: this.core.options.createConnector,
      resolveSecret: (secret) => this.core.resolveSecret(secret),
      log: this.core.options.log,
    });
    return outcome.ok ? outcome : { ok: false, message: plainFailure(outcome.message) };
  }

  /**
   * The running connection's own answer, when the form would run exactly what runs now and it
   * is online; else undefined, and the test opens a connection of its own.
   */
  private liveAnswer(checked: Account, id: string): Outcome | undefined {
    if (!runsTheSame(checked, this.core.supervisor.account(id))) return undefined;
    const now = this.core.now();
    const timeZone = this.core.settings.notifications.timeZone;
    const locale = this.core.options.locale;
    return liveAnswer(
      this.core.statusOf(id, now),
      {
        ...(locale !== undefined && { locale }),
        ...(timeZone !== undefined && { timeZone }),
        relativeTo: now,
      },
      checked,
    );
  }

  async act(id: string, action: AccountAction): Promise<Outcome> {
    const account = this.core.account(id);
    if (!account) return { ok: false, message: `no account "${id}"` };
    const name = account.name ?? id;
    const supervisor = this.core.supervisor;
    if (action === 'reconnect') supervisor.reconnect(id);
    else if (action === 'pause') await supervisor.pause(id);
    else this.core.pipeline.markAccountRead(id);
    const done = { reconnect: 'Connecting', pause: 'Paused', 'mark-read': 'Marked as read:' };
    return { ok: true, message: `${done[action]} ${name}.` };
  }

  /** The code a Rocket.Chat server asked for at sign-in; the account signs in again with it. */
  sendTwoFactorCode(id: string, code: string): Outcome {
    const connector = this.core.supervisor.connector(id);
    if (!takesTwoFactorCode(connector))
      return { ok: false, message: 'This account does not use two-factor codes.' };
    connector.setTwoFactorCode(code);
    this.core.supervisor.reconnect(id);
    return { ok: true, message: 'Signing in with the code…' };
  }

  async signInWithBrowser(id?: string, server?: string): Promise<Outcome> {
    const found = id === undefined ? undefined : this.core.account(id);
    const saved = found?.type === '3drepo' ? found : undefined;
    if (id !== undefined && !saved)
      return { ok: false, message: 'Sign in with browser is for 3D Repo accounts.' };
    const target = server ? bare(server) : saved?.server;
    if (!target || !/^https?:\/\/[^/]/.test(target))
      return { ok: false, message: 'Enter the server address first, e.g. https://www.3drepo.io' };
    const browserSignIn = this.core.options.browserSignIn;
    if (!browserSignIn)
      return { ok: false, message: 'Signing in with a browser needs the desktop app.' };
    let cookie: string;
    try {
      cookie = await browserSignIn(target);
    } catch (error) {
      return {
        ok: false,
        message: `Sign-in did not finish: ${ConnectorError.from(error).message}`,
      };
    }
    if (!saved || bare(saved.server) !== target) {
      this.pendingSessions.set(target, cookie);
      return { ok: true, message: 'Signed in. Save the account to keep the session.' };
    }
    this.secrets.set(saved.id, { [COOKIE]: cookie });
    const updated: Account = { ...saved, auth: { cookie: STORED_SECRET } };
    this.core.saveSettings({
      ...this.core.settings,
      accounts: this.core.settings.accounts.map((a) => (a.id === saved.id ? updated : a)),
    });
    await this.core.halt(saved.id);
    this.core.run(updated);
    return { ok: true, message: 'Signed in: the session is kept in your keyring.' };
  }

  view(account: Account, now: number): AccountView {
    const status = this.core.statusOf(account.id, now);
    const server = this.core.serverPreferences.get(account.id);
    const { form, stored } = blankSecrets(account);
    const serverText =
      status.state === 'auth-failed' && status.reason
        ? plainReason(status.reason).serverText
        : undefined;
    const details = {
      ...status.details,
      ...(serverText && { 'The server said': serverText }),
      // The raw error behind words such as "Can't reach …", for support.
      ...(status.error && { 'Technical detail': status.error }),
    };
    return {
      id: account.id,
      name: account.name ?? account.id,
      type: account.type,
      enabled: account.enabled !== false,
      state: status.state,
      statusText: statusWords(status, now),
      ...(Object.keys(details).length > 0 && { details }),
      unread: this.core.pipeline.unread.total(account.id),
      paused: status.state === 'offline' && status.reason === 'paused',
      form: form as AccountForm,
      storedSecrets: stored,
      ...(server && { server: serverView(server) }),
    };
  }

  /** "Also on the server": the level goes to the server's own preferences as well. */
  async saveServerLevel(id: string, level: Level | 'default', room?: string): Promise<Outcome> {
    const account = this.core.account(id);
    if (!account) return { ok: false, message: `no account "${id}"` };
    const connector = this.core.supervisor.connector(id);
    if (!connector?.saveServerLevel)
      return {
        ok: false,
        message: `${account.name ?? id}: its server keeps no levels Tidings can set`,
      };
    try {
      await connector.saveServerLevel(level, room);
    } catch (cause) {
      const why = ConnectorError.from(cause).message;
      return {
        ok: false,
        message: `Not saved on the server (${why}); Tidings' own setting stays.`,
      };
    }
    return { ok: true, message: 'Saved on the server too.' };
  }
}
