import type { Clock } from '../core/clock.js';
import { ConnectorError, type AccountStatus, type ConnectorFactory } from '../core/connector.js';
import { roomLabel } from '../core/events.js';
import type { NotificationSink, RoomNotification } from '../core/notification.js';
import type { History, HistoryEntry } from '../core/pipeline/history.js';
import { Pipeline } from '../core/pipeline/pipeline.js';
import type { UnreadCounts } from '../core/pipeline/unread.js';
import {
  accountMutedUntil,
  muteAccountRules,
  unmuteAccountRules,
} from '../core/rules/account-mute.js';
import { applyDndChoice, type DndChoice } from '../core/rules/dnd.js';
import type { Account, AccountType } from '../core/settings/accounts.js';
import type { Secret } from '../core/settings/fields.js';
import type { NotificationSettings } from '../core/settings/notifications.js';
import type { Settings } from '../core/settings/schema.js';
import { Supervisor } from '../core/supervisor/supervisor.js';
import type {
  AccountAction,
  AccountForm,
  AccountView,
  AppSnapshot,
  HistoryQuery,
  HistoryView,
  Outcome,
  Page,
  RoomChoice,
  SaveResult,
  SecretProtection,
} from '../ipc/contract.js';
import { checkAccount, checkNotifications, failed } from './account-form.js';
import {
  STORED_SECRET,
  blankSecrets,
  fillSecrets,
  keepStoredSecrets,
  splitSecrets,
  type AccountSecrets,
} from './account-secrets.js';
import type { AppLog } from './app-log.js';
import { testConnection } from './connection-test.js';
import { dndSummary } from './dnd-label.js';
import { checkExternalLink } from './link-policy.js';
import { statusWords } from './status-words.js';
import type { TrayAction, TrayState } from './tray/tray-model.js';

/** Where the controller keeps secrets; SecretVault in the app. */
export interface SecretKeeper {
  get(account: string): AccountSecrets;
  set(account: string, secrets: AccountSecrets): void;
  remove(account: string): void;
  protection(): SecretProtection;
}

export interface SettingsKeeper {
  load(): { settings: Settings; problem?: string };
  save(settings: Settings): void;
}

export interface ControllerOptions {
  clock: Clock;
  log: AppLog;
  settings: SettingsKeeper;
  secrets: SecretKeeper;
  createConnector: ConnectorFactory;
  supportedTypes: readonly AccountType[];
  sink: NotificationSink;
  history?: History;
  unread?: UnreadCounts;
  openExternal(url: string): Promise<void>;
  loginItem: { isEnabled(): boolean; setEnabled(enabled: boolean): void };
  /** Export and import: a file the user chose, or undefined when they cancelled. */
  files: {
    chooseExport(): Promise<string | undefined>;
    chooseImport(): Promise<string | undefined>;
  };
  /** 3D Repo's "Sign in with browser": the session cookies from an isolated sign-in window. */
  browserSignIn?(server: string): Promise<string>;
  /** Opens the settings window, at `page`, on `account` when one is named (its sign-in). */
  showSettings?(page?: Page, account?: string): void;
  versions: Record<string, string>;
}

const RECENT_LIMIT = 5;
const HISTORY_PAGE = 200;

/**
 * The desktop app's main-process logic, with no Electron in it: the settings and their secrets,
 * the supervisor and pipeline, statuses, do-not-disturb, and the answers to the tray and the
 * settings window. The Electron edge (main.ts) wires its calls to the OS.
 */
export class Controller {
  private settings!: Settings;
  private loadProblem: string | undefined;
  private pipeline!: Pipeline;
  private supervisor!: Supervisor;
  private readonly statuses = new Map<string, AccountStatus>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: ControllerOptions) {}

  start(): void {
    const loaded = this.options.settings.load();
    this.settings = loaded.settings;
    this.loadProblem = loaded.problem;
    this.pipeline = new Pipeline({
      settings: this.settings.notifications,
      sink: this.options.sink,
      clock: this.options.clock,
      ...(this.options.history && { history: this.options.history }),
      ...(this.options.unread && { unread: this.options.unread }),
    });
    this.pipeline.onChange(() => this.changed());
    this.supervisor = new Supervisor({
      clock: this.options.clock,
      createConnector: this.options.createConnector,
      resolveSecret: (secret) => this.resolveSecret(secret),
      onEvent: (event) => this.pipeline.accept(event),
      onStatus: (status) => {
        // A server's or connector's words may quote a secret; the tray and window show them.
        const reason = status.reason && this.options.log.scrub(status.reason);
        this.statuses.set(status.account, { ...status, ...(reason && { reason }) });
        this.changed();
      },
      log: this.options.log,
    });
    for (const account of this.settings.accounts) this.run(account);
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.pipeline.close();
  }

  /** Called after anything the tray or the window shows has changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wake from sleep, network back. */
  resume(): void {
    this.supervisor.resume();
  }

  // --- what the tray and the window show -------------------------------------------------

  get problem(): string | undefined {
    return this.loadProblem;
  }

  snapshot(): AppSnapshot {
    const now = this.options.clock.now();
    const secrets = this.options.secrets.protection();
    return {
      accounts: this.settings.accounts.map((account) => this.accountView(account, now)),
      notifications: this.settings.notifications,
      dnd: this.dnd(now),
      paused: this.allPaused(),
      secrets: this.loadProblem
        ? { ...secrets, warning: [secrets.warning, this.loadProblem].filter(Boolean).join(' ') }
        : secrets,
      supportedTypes: [...this.options.supportedTypes],
      startAtLogin: this.options.loginItem.isEnabled(),
    };
  }

  trayState(): TrayState {
    const now = this.options.clock.now();
    return {
      accounts: this.settings.accounts.map((account) => ({
        id: account.id,
        name: account.name ?? account.id,
        status: this.statusOf(account.id, now),
        unread: this.pipeline.unread.total(account.id),
        mutedUntil: accountMutedUntil(this.settings.notifications.rules, account.id, now),
      })),
      recent: this.pipeline.history
        .list({ decision: 'shown', limit: RECENT_LIMIT })
        .map((entry) => ({ seq: entry.seq, title: entry.event.title, body: entry.event.body })),
      dnd: this.dnd(now),
      allPaused: this.allPaused(),
      now,
      timeZone: this.settings.notifications.timeZone,
    };
  }

  listHistory(query: HistoryQuery): { entries: HistoryView[] } {
    const entries = this.pipeline.history.list({ limit: HISTORY_PAGE, ...query });
    return { entries: entries.map(historyView) };
  }

  accountType(id: string): AccountType | undefined {
    return this.account(id)?.type;
  }

  canReply(id: string): boolean {
    return this.supervisor.connector(id)?.reply !== undefined;
  }

  diagnostics() {
    return { versions: this.options.versions, log: this.options.log.tail() };
  }

  // --- accounts ----------------------------------------------------------------------------

  async saveAccount(form: AccountForm, previousId?: string): Promise<SaveResult> {
    const previous = previousId === undefined ? undefined : this.account(previousId);
    if (previousId !== undefined && !previous) return failed('id', `no account "${previousId}"`);
    const others = this.settings.accounts.filter((a) => a.id !== previousId);
    const stored = previous ? this.options.secrets.get(previous.id) : {};
    const checked = checkAccount(
      keepStoredSecrets(form, stored),
      others,
      this.options.supportedTypes,
    );
    if (!checked.ok) return checked;
    const { account, secrets } = splitSecrets(checked.account);
    if (previous && previous.id !== account.id) this.options.secrets.remove(previous.id);
    this.options.secrets.set(account.id, secrets);
    const index = previous ? this.settings.accounts.indexOf(previous) : -1;
    const accounts = [...this.settings.accounts];
    if (index >= 0) accounts[index] = account;
    else accounts.push(account);
    this.saveSettings({ ...this.settings, accounts });
    if (previous) await this.halt(previous.id);
    this.run(account);
    this.options.log.info('account saved', { account: account.id, type: account.type });
    return { ok: true };
  }

  async removeAccount(id: string): Promise<Outcome> {
    if (!this.account(id)) return { ok: false, message: `no account "${id}"` };
    await this.halt(id);
    this.options.secrets.remove(id);
    this.pipeline.markAccountRead(id);
    this.saveSettings({
      ...this.settings,
      accounts: this.settings.accounts.filter((a) => a.id !== id),
    });
    return { ok: true, message: `Removed ${id}.` };
  }

  async testConnection(form: AccountForm, previousId?: string): Promise<Outcome> {
    const stored = previousId ? this.options.secrets.get(previousId) : {};
    const others = this.settings.accounts.filter((a) => a.id !== previousId);
    const checked = checkAccount(
      keepStoredSecrets(form, stored),
      others,
      this.options.supportedTypes,
    );
    if (!checked.ok) {
      const first = checked.errors[0];
      return { ok: false, message: `${first?.field || 'account'}: ${first?.message ?? 'invalid'}` };
    }
    return testConnection(checked.account, {
      createConnector: this.options.createConnector,
      resolveSecret: (secret) => this.resolveSecret(secret),
      log: this.options.log,
    });
  }

  /** Rooms for the pickers: from the server where the protocol lists them, else from history. */
  async listRooms(
    id: string,
  ): Promise<{ rooms: RoomChoice[]; source: 'server' | 'history'; error?: string }> {
    const connector = this.supervisor.connector(id);
    let error: string | undefined;
    if (connector?.listRooms) {
      try {
        const rooms = await connector.listRooms();
        return { rooms: rooms.map((room) => ({ ...room, source: 'server' })), source: 'server' };
      } catch (cause) {
        error = `the server did not list rooms: ${ConnectorError.from(cause).message}`;
      }
    }
    const seen = new Map<string, RoomChoice>();
    for (const entry of this.pipeline.history.list({ account: id }))
      if (!seen.has(entry.event.room.id) && entry.event.room.type !== 'server')
        seen.set(entry.event.room.id, {
          ...entry.event.room,
          name: roomLabel(entry.event.room),
          source: 'history',
        });
    return { rooms: [...seen.values()], source: 'history', ...(error && { error }) };
  }

  async accountAction(id: string, action: AccountAction): Promise<Outcome> {
    if (!this.account(id)) return { ok: false, message: `no account "${id}"` };
    if (action === 'reconnect') this.supervisor.reconnect(id);
    else if (action === 'pause') await this.supervisor.pause(id);
    else this.pipeline.markAccountRead(id);
    return { ok: true, message: `${action}: ${id}` };
  }

  async signInWithBrowser(id: string): Promise<Outcome> {
    const account = this.account(id);
    if (!account || account.type !== '3drepo')
      return { ok: false, message: 'Sign in with browser is for saved 3D Repo accounts.' };
    if (!this.options.browserSignIn)
      return { ok: false, message: 'Signing in with a browser needs the desktop app.' };
    let cookie: string;
    try {
      cookie = await this.options.browserSignIn(account.server);
    } catch (error) {
      return {
        ok: false,
        message: `Sign-in did not finish: ${ConnectorError.from(error).message}`,
      };
    }
    this.options.secrets.set(id, { 'auth.cookie': cookie });
    const updated: Account = { ...account, auth: { cookie: STORED_SECRET } };
    this.saveSettings({
      ...this.settings,
      accounts: this.settings.accounts.map((a) => (a.id === id ? updated : a)),
    });
    await this.halt(id);
    this.run(updated);
    return { ok: true, message: 'Signed in: the session cookie is kept in the secure store.' };
  }

  // --- notifications and do-not-disturb ----------------------------------------------------

  saveNotifications(candidate: unknown): SaveResult {
    const checked = checkNotifications(candidate);
    if (!checked.ok) return checked;
    // The switch itself belongs to the tray: a window opened earlier must not turn it back.
    const { on, until, choice } = this.settings.notifications.dnd;
    const { on: _on, until: _until, choice: _choice, ...rest } = checked.notifications.dnd;
    this.setNotifications({ ...checked.notifications, dnd: { ...rest, on, until, choice } });
    return { ok: true };
  }

  setDnd(choice: DndChoice): Outcome {
    const notifications = this.settings.notifications;
    const dnd = applyDndChoice(
      notifications.dnd,
      choice,
      this.options.clock.now(),
      notifications.timeZone,
    );
    this.setNotifications({ ...notifications, dnd });
    return { ok: true, message: `Do not disturb ${this.dnd(this.options.clock.now()).label}` };
  }

  /** Silences an account's notifications (the tray's "Mute for 1 hour"). */
  muteAccount(id: string, minutes: number): void {
    const until = new Date(this.options.clock.now() + minutes * 60_000).toISOString();
    const { notifications } = this.settings;
    this.setNotifications({
      ...notifications,
      rules: muteAccountRules(notifications.rules, id, until),
    });
  }

  /** Takes the account's mute off (the tray's "Unmute"). */
  unmuteAccount(id: string): void {
    const { notifications } = this.settings;
    this.setNotifications({ ...notifications, rules: unmuteAccountRules(notifications.rules, id) });
  }

  // --- opening things ----------------------------------------------------------------------

  /** A click on a notification: its link (web links only), and the room counts as read. */
  async openNotification(notification: RoomNotification): Promise<Outcome> {
    const outcome = await this.openLink(notification.url, notification.account);
    this.pipeline.markRoomRead(notification.account, notification.room.id);
    return outcome;
  }

  markRoomRead(account: string, roomId: string): void {
    this.pipeline.markRoomRead(account, roomId);
  }

  async reply(notification: RoomNotification, text: string): Promise<Outcome> {
    const connector = this.supervisor.connector(notification.account);
    if (!connector?.reply) return { ok: false, message: 'this account cannot reply' };
    try {
      await connector.reply(notification.room.id, text);
      this.pipeline.markRoomRead(notification.account, notification.room.id);
      return { ok: true, message: 'sent' };
    } catch (error) {
      const message = ConnectorError.from(error).message;
      this.options.log.warn('reply failed', { account: notification.account, error: message });
      return { ok: false, message };
    }
  }

  async openHistoryEntry(seq: number): Promise<Outcome> {
    const entry = this.pipeline.history.list().find((e) => e.seq === seq);
    if (!entry) return { ok: false, message: 'that event is no longer in history' };
    const outcome = await this.openLink(entry.event.url, entry.event.account);
    this.pipeline.markRoomRead(entry.event.account, entry.event.room.id);
    return outcome;
  }

  /** What a tray item does; `settings` and `quit` are the Electron edge's. */
  async perform(action: TrayAction): Promise<void> {
    switch (action.type) {
      case 'open-account': {
        const account = this.account(action.account);
        const site =
          account && 'server' in account && /^https?:/.test(account.server)
            ? account.server
            : undefined;
        if (site) await this.openLink(site, action.account);
        else this.options.showSettings?.('accounts', action.account);
        return;
      }
      case 'fix-sign-in':
        this.options.showSettings?.('accounts', action.account);
        return;
      case 'mark-account-read':
        this.pipeline.markAccountRead(action.account);
        return;
      case 'mute-account':
        this.muteAccount(action.account, action.minutes);
        return;
      case 'unmute-account':
        this.unmuteAccount(action.account);
        return;
      case 'reconnect':
        this.supervisor.reconnect(action.account);
        return;
      case 'pause':
        await this.supervisor.pause(action.account);
        return;
      case 'open-recent':
        await this.openHistoryEntry(action.seq);
        return;
      case 'dnd':
        this.setDnd(action.choice);
        return;
      case 'pause-all':
        await Promise.all(this.runningIds().map((id) => this.supervisor.pause(id)));
        return;
      case 'resume-all':
        for (const id of this.runningIds()) this.supervisor.reconnect(id);
        return;
      case 'settings':
        this.options.showSettings?.();
        return;
      case 'quit':
        return;
    }
  }

  // --- general -----------------------------------------------------------------------------

  setStartAtLogin(enabled: boolean): Outcome {
    try {
      this.options.loginItem.setEnabled(enabled);
    } catch (error) {
      return { ok: false, message: `could not change start at login: ${String(error)}` };
    }
    this.changed();
    return {
      ok: true,
      message: enabled ? 'Tidings starts at login.' : 'Tidings does not start at login.',
    };
  }

  /** The settings as they are now, secrets filled in: what export and import work from. */
  accountsWithSecrets(): { settings: Settings; secretsOf(id: string): AccountSecrets } {
    return { settings: this.settings, secretsOf: (id) => this.options.secrets.get(id) };
  }

  /** Replaces every account and rule with an imported file's (already validated). */
  async replaceSettings(imported: Settings): Promise<void> {
    await Promise.all(this.settings.accounts.map((a) => this.halt(a.id)));
    for (const old of this.settings.accounts) this.options.secrets.remove(old.id);
    const accounts = imported.accounts.map((incoming) => {
      const { account, secrets } = splitSecrets(incoming);
      this.options.secrets.set(account.id, secrets);
      return account;
    });
    this.saveSettings({ ...imported, accounts });
    this.pipeline.setSettings(imported.notifications);
    for (const account of accounts) this.run(account);
  }

  get filePicker() {
    return this.options.files;
  }

  // --- inside ------------------------------------------------------------------------------

  private account(id: string): Account | undefined {
    return this.settings.accounts.find((a) => a.id === id);
  }

  private run(account: Account): void {
    if (!this.options.supportedTypes.includes(account.type)) {
      this.statuses.set(account.id, {
        account: account.id,
        state: 'disabled',
        reason: `no connector for "${account.type}" in this version`,
        since: this.options.clock.now(),
      });
      this.changed();
      return;
    }
    this.supervisor.add(fillSecrets(account, this.options.secrets.get(account.id)));
  }

  private async halt(id: string): Promise<void> {
    await this.supervisor.remove(id);
    this.statuses.delete(id);
  }

  private resolveSecret(secret: Secret): Promise<string> {
    if (secret === STORED_SECRET)
      return Promise.reject(
        new ConnectorError(
          'config',
          'the secret is missing from the secure store; enter it again in Settings',
        ),
      );
    if (typeof secret === 'string') return Promise.resolve(secret);
    return Promise.reject(
      new ConnectorError(
        'config',
        'the desktop app keeps secrets in its secure store; env and command secrets are for headless mode',
      ),
    );
  }

  private async openLink(link: string | undefined, account: string): Promise<Outcome> {
    const checked = checkExternalLink(link);
    if (!checked.ok) {
      if (link) this.options.log.warn('link refused', { account, reason: checked.reason, link });
      return { ok: false, message: checked.reason };
    }
    try {
      await this.options.openExternal(checked.url);
      return { ok: true, message: `Opened ${checked.url}` };
    } catch (error) {
      this.options.log.warn('link did not open', { account, error: String(error) });
      return { ok: false, message: `the link did not open: ${String(error)}` };
    }
  }

  private setNotifications(notifications: NotificationSettings): void {
    this.saveSettings({ ...this.settings, notifications });
    this.pipeline.setSettings(notifications);
  }

  private saveSettings(settings: Settings): void {
    this.options.settings.save(settings);
    this.settings = settings;
    this.loadProblem = undefined;
    this.changed();
  }

  private statusOf(id: string, now: number): AccountStatus {
    return this.statuses.get(id) ?? { account: id, state: 'connecting', since: now };
  }

  private accountView(account: Account, now: number): AccountView {
    const status = this.statusOf(account.id, now);
    const { form, stored } = blankSecrets(account);
    return {
      id: account.id,
      name: account.name ?? account.id,
      type: account.type,
      enabled: account.enabled !== false,
      state: status.state,
      statusText: statusWords(status, now),
      ...(status.details && { details: status.details }),
      unread: this.pipeline.unread.total(account.id),
      paused: status.state === 'offline' && status.reason === 'paused',
      form: form as AccountForm,
      storedSecrets: stored,
    };
  }

  private runningIds(): string[] {
    return this.supervisor
      .statuses()
      .filter((s) => s.state !== 'disabled')
      .map((s) => s.account);
  }

  private allPaused(): boolean {
    const running = this.supervisor.statuses().filter((s) => s.state !== 'disabled');
    return (
      running.length > 0 && running.every((s) => s.state === 'offline' && s.reason === 'paused')
    );
  }

  private dnd(now: number) {
    return dndSummary(this.settings.notifications.dnd, now, this.settings.notifications.timeZone);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function historyView(entry: HistoryEntry): HistoryView {
  const e = entry.event;
  return {
    seq: entry.seq,
    receivedAt: entry.receivedAt,
    account: e.account,
    kind: e.kind,
    room: roomLabel(e.room),
    title: e.title,
    body: e.body,
    ...(e.url && { url: e.url }),
    decision: entry.decision,
    reason: entry.reason,
  };
}
