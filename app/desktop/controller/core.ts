import type { Clock } from '../../core/clock.js';
import { ConnectorError, type AccountStatus, type ConnectorFactory } from '../../core/connector.js';
import type { NotificationSink } from '../../core/notification.js';
import type { History } from '../../core/pipeline/history.js';
import { Pipeline, type DedupeMemory } from '../../core/pipeline/pipeline.js';
import type { UnreadCounts } from '../../core/pipeline/unread.js';
import type { Account, AccountType } from '../../core/settings/accounts.js';
import type { Secret } from '../../core/settings/fields.js';
import type { NotificationSettings } from '../../core/settings/notifications.js';
import type { Settings } from '../../core/settings/schema.js';
import { serverRules, type ServerPreferences } from '../../core/server-preferences.js';
import type { CatchUpMarkers } from '../../core/supervisor/catch-up-markers.js';
import { Supervisor } from '../../core/supervisor/supervisor.js';
import type { Outcome, SecretProtection, WindowTarget } from '../../ipc/contract.js';
import { STORED_SECRET, fillSecrets, type AccountSecrets } from '../account-secrets.js';
import type { AppLog } from '../app-log.js';
import { dndSummary, systemDndSummary } from '../dnd-label.js';
import { notifierSummary, type NotifierStatus } from '../notifier-status.js';
import type { SystemDnd } from '../../system-dnd/system-dnd.js';
import { checkExternalLink } from '../../core/link-policy.js';

/** Where the controller keeps secrets; SecretVault in the app. */
export interface SecretKeeper {
  get(account: string): AccountSecrets;
  set(account: string, secrets: AccountSecrets): void;
  remove(account: string): void;
  protection(): SecretProtection;
}

export interface SettingsKeeper {
  load(): { settings: Settings; problem?: string; problemDetail?: string };
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
  /** History and unread counts as main.ts builds them (their storage is its business). */
  history?: History;
  unread?: UnreadCounts;
  /** The state database's dedupe memory, catch-up markers and commits (see app/state). */
  durable?: { dedupe: DedupeMemory; markers: CatchUpMarkers; persisted(): Promise<void> };
  openExternal(url: string): Promise<void>;
  /** The OS's own do-not-disturb (app/system-dnd); the controller closes it when it stops. */
  systemDnd?: SystemDnd;
  /** Whether notifications can be shown (Linux: a notification server on the session bus). */
  notifier?: NotifierStatus;
  loginItem: { isEnabled(): boolean; setEnabled(enabled: boolean): void };
  /** Export and import: a file the user chose, or undefined when they cancelled. */
  files: {
    chooseExport(): Promise<string | undefined>;
    chooseImport(): Promise<string | undefined>;
  };
  /** 3D Repo's "Sign in with browser": the session cookies from an isolated sign-in window. */
  browserSignIn?(server: string): Promise<string>;
  /** Opens the settings window: at a page, on an account (its row, or its sign-in). */
  showSettings?(target?: WindowTarget): void;
  /** Where the log files are, for "Open the log folder". */
  logFolder?: string;
  openFolder?(path: string): Promise<string>;
  versions: Record<string, string>;
  /** The OS's locale (`app.getLocale()`): how the tray writes times, as the window does. */
  locale?: string;
}

/**
 * What every part of the controller works on: the settings as saved, the pipeline (with the
 * history and unread counts handed in), the supervisor and the statuses it reports.
 */
export class AppCore {
  settings!: Settings;
  loadProblem: string | undefined;
  /** The error behind `loadProblem` and where the file was kept, for the banner's details. */
  loadProblemDetail: string | undefined;
  pipeline!: Pipeline;
  supervisor!: Supervisor;
  private readonly statuses = new Map<string, AccountStatus>();
  /** What each account's server keeps about its notifications (sources that have it). */
  readonly serverPreferences = new Map<string, ServerPreferences>();
  private readonly listeners = new Set<() => void>();
  private stopFollowingSystemDnd = (): void => {};
  private stopFollowingNotifier = (): void => {};

  constructor(readonly options: ControllerOptions) {}

  start(): void {
    const loaded = this.options.settings.load();
    this.settings = loaded.settings;
    this.loadProblem = loaded.problem;
    this.loadProblemDetail = loaded.problemDetail;
    const { durable } = this.options;
    this.options.history?.setRetention(this.settings.history);
    this.pipeline = new Pipeline({
      settings: this.settings.notifications,
      sink: this.options.sink,
      clock: this.options.clock,
      ...(this.options.history && { history: this.options.history }),
      ...(this.options.unread && { unread: this.options.unread }),
      ...(durable && { dedupe: durable.dedupe }),
    });
    this.pipeline.onChange(() => this.changed());
    const { systemDnd } = this.options;
    if (systemDnd) {
      this.pipeline.setSystemDnd(systemDnd.current());
      this.stopFollowingSystemDnd = systemDnd.onChange((state) => {
        this.options.log.info("the system's do-not-disturb", { ...state });
        this.pipeline.setSystemDnd(state);
      });
    }
    this.stopFollowingNotifier =
      this.options.notifier?.onChange(() => this.changed()) ?? this.stopFollowingNotifier;
    this.supervisor = new Supervisor({
      clock: this.options.clock,
      createConnector: this.options.createConnector,
      resolveSecret: (secret) => this.resolveSecret(secret),
      onEvent: (event) => this.pipeline.accept(event),
      onStatus: (status) => {
        // A server's or connector's words may quote a secret; the tray and window show them.
        const reason = status.reason && this.options.log.scrub(status.reason);
        // One line per change of state, not per countdown tick: what `npm run demo` follows.
        if (this.statuses.get(status.account)?.state !== status.state)
          this.options.log.info('account status', {
            account: status.account,
            state: status.state,
          });
        this.statuses.set(status.account, { ...status, ...(reason && { reason }) });
        this.changed();
      },
      onPreferences: (account, preferences) => {
        this.serverPreferences.set(account, preferences);
        // The server's highlights count as keywords, as they do in its own decision.
        this.pipeline.setServerRules(account, serverRules(account, preferences));
        this.changed();
      },
      log: this.options.log,
      ...(durable && {
        markers: durable.markers,
        persisted: durable.persisted,
        seen: (account: string, id: string) => this.pipeline.hasSeen(account, id),
      }),
    });
    for (const account of this.settings.accounts) this.run(account);
  }

  async stop(): Promise<void> {
    this.stopFollowingSystemDnd();
    this.stopFollowingNotifier();
    await this.options.systemDnd?.close();
    await this.supervisor.stop();
    this.pipeline.close();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  now(): number {
    return this.options.clock.now();
  }

  account(id: string): Account | undefined {
    return this.settings.accounts.find((a) => a.id === id);
  }

  run(account: Account): void {
    if (!this.options.supportedTypes.includes(account.type)) {
      this.statuses.set(account.id, {
        account: account.id,
        state: 'disabled',
        reason: `no connector for "${account.type}" in this version`,
        since: this.now(),
      });
      this.changed();
      return;
    }
    this.supervisor.add(fillSecrets(account, this.options.secrets.get(account.id)));
  }

  async halt(id: string): Promise<void> {
    await this.supervisor.remove(id);
    this.statuses.delete(id);
  }

  resolveSecret(secret: Secret): Promise<string> {
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

  async openLink(link: string | undefined, account: string): Promise<Outcome> {
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

  setNotifications(notifications: NotificationSettings): void {
    this.saveSettings({ ...this.settings, notifications });
    this.pipeline.setSettings(notifications);
  }

  saveSettings(settings: Settings): void {
    this.options.settings.save(settings);
    this.settings = settings;
    this.pipeline.history.setRetention(settings.history);
    this.loadProblem = undefined;
    this.loadProblemDetail = undefined;
    this.changed();
  }

  statusOf(id: string, now: number): AccountStatus {
    return this.statuses.get(id) ?? { account: id, state: 'connecting', since: now };
  }

  runningIds(): string[] {
    return this.supervisor
      .statuses()
      .filter((s) => s.state !== 'disabled')
      .map((s) => s.account);
  }

  allPaused(): boolean {
    const running = this.supervisor.statuses().filter((s) => s.state !== 'disabled');
    return (
      running.length > 0 && running.every((s) => s.state === 'offline' && s.reason === 'paused')
    );
  }

  dnd(now: number) {
    const { dnd, timeZone } = this.settings.notifications;
    return dndSummary(dnd, now, timeZone, this.options.locale);
  }

  systemDnd() {
    return systemDndSummary(this.pipeline.systemDnd, this.settings.notifications.dnd);
  }

  notifier() {
    return notifierSummary(this.options.notifier?.current() ?? { available: true });
  }
}
