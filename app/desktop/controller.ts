import type { EventLink } from '../core/events.js';
import type { RoomNotification } from '../core/notification.js';
import { accountMutedUntil } from '../core/rules/account-mute.js';
import type { DndChoice } from '../core/rules/dnd.js';
import type { AccountType } from '../core/settings/accounts.js';
import type { Settings } from '../core/settings/schema.js';
import type {
  AccountAction,
  AccountForm,
  AppSnapshot,
  HistoryQuery,
  Outcome,
  SaveResult,
} from '../ipc/contract.js';
import { Accounts } from './controller/accounts.js';
import { AppCore, type ControllerOptions } from './controller/core.js';
import { HistoryViews } from './controller/history.js';
import { Notifications } from './controller/notifications.js';
import { NotificationActions } from './controller/replies.js';
import { RoomLists } from './controller/rooms.js';
import { accountSite, performTrayAction } from './controller/tray-actions.js';
import { SettingsTransfer } from './controller/transfer.js';
import type { TrayAction, TrayState } from './tray/tray-model.js';

export type { ControllerOptions, SecretKeeper, SettingsKeeper } from './controller/core.js';

/**
 * The desktop app's main-process logic, with no Electron in it: the answers to the tray and the
 * settings window. Each concern lives in controller/ on one shared AppCore (settings, pipeline,
 * supervisor); this class is the one surface main.ts and the IPC handlers call.
 */
export class Controller {
  private readonly core: AppCore;
  readonly accounts: Accounts;
  readonly notifications: Notifications;
  readonly history: HistoryViews;
  readonly notificationActions: NotificationActions;
  readonly transfer: SettingsTransfer;
  readonly rooms: RoomLists;

  constructor(options: ControllerOptions) {
    this.core = new AppCore(options);
    this.accounts = new Accounts(this.core);
    this.notifications = new Notifications(this.core);
    this.history = new HistoryViews(this.core);
    this.notificationActions = new NotificationActions(this.core);
    this.transfer = new SettingsTransfer(this.core);
    this.rooms = new RoomLists(this.core, this.accounts);
  }

  start(): void {
    this.core.start();
  }

  stop(): Promise<void> {
    return this.core.stop();
  }

  /** Called after anything the tray or the window shows has changed. */
  onChange(listener: () => void): () => void {
    return this.core.onChange(listener);
  }

  /** Wake from sleep, network back. */
  resume(): void {
    this.core.supervisor.resume();
  }

  get problem(): string | undefined {
    return this.core.loadProblem;
  }

  snapshot(): AppSnapshot {
    const core = this.core;
    const now = core.now();
    const secrets = core.options.secrets.protection();
    return {
      accounts: core.settings.accounts.map((account) => this.accounts.view(account, now)),
      notifications: core.settings.notifications,
      dnd: core.dnd(now),
      systemDnd: core.systemDnd(),
      notifier: core.notifier(),
      paused: core.allPaused(),
      secrets: core.loadProblem
        ? {
            ...secrets,
            warning: [secrets.warning, core.loadProblem].filter(Boolean).join(' '),
            detail: [secrets.detail, core.loadProblemDetail].filter(Boolean).join(' '),
          }
        : secrets,
      supportedTypes: [...core.options.supportedTypes],
      startAtLogin: core.options.loginItem.isEnabled(),
    };
  }

  trayState(): TrayState {
    const core = this.core;
    const now = core.now();
    return {
      accounts: core.settings.accounts.map((account) => ({
        id: account.id,
        name: account.name ?? account.id,
        status: core.statusOf(account.id, now),
        unread: core.pipeline.unread.total(account.id),
        mutedUntil: accountMutedUntil(core.settings.notifications.rules, account.id, now),
        site: accountSite(account),
      })),
      recent: this.history.recent(),
      dnd: core.dnd(now),
      systemDnd: core.systemDnd(),
      notifier: core.notifier(),
      allPaused: core.allPaused(),
      now,
      timeZone: core.settings.notifications.timeZone,
      ...(core.options.locale && { locale: core.options.locale }),
    };
  }

  /** The configured accounts (a notification names its account when two are of one kind). */
  configuredAccounts() {
    return this.core.settings.accounts;
  }

  accountType(id: string): AccountType | undefined {
    return this.core.account(id)?.type;
  }

  diagnostics() {
    return { versions: this.core.options.versions, log: this.core.options.log.tail() };
  }

  setStartAtLogin(enabled: boolean): Outcome {
    try {
      this.core.options.loginItem.setEnabled(enabled);
    } catch (error) {
      return { ok: false, message: `could not change start at login: ${String(error)}` };
    }
    this.core.changed();
    return {
      ok: true,
      message: enabled ? 'Tidings starts at login.' : 'Tidings does not start at login.',
    };
  }

  async openLogFolder(): Promise<Outcome> {
    const { logFolder, openFolder } = this.core.options;
    if (!logFolder || !openFolder) return { ok: false, message: 'There is no log folder here.' };
    const problem = await openFolder(logFolder);
    return problem
      ? { ok: false, message: `The folder did not open: ${problem}` }
      : { ok: true, message: `Opened ${logFolder}` };
  }

  get filePicker() {
    return this.core.options.files;
  }

  perform(action: TrayAction): Promise<void> {
    return performTrayAction(this.core, this, action);
  }

  // The calls main.ts, the IPC handlers and the tests make, by concern.
  saveAccount = (form: AccountForm, previousId?: string): Promise<SaveResult> =>
    this.accounts.save(form, previousId);
  removeAccount = (id: string, forgetHistory?: boolean): Promise<Outcome> =>
    this.accounts.remove(id, forgetHistory);
  testConnection = (form: AccountForm, previousId?: string): Promise<Outcome> =>
    this.accounts.test(form, previousId);
  listRooms = (id: string) => this.rooms.saved(id);
  findRooms = (form: AccountForm, previousId?: string) => this.rooms.find(form, previousId);
  accountAction = (id: string, action: AccountAction): Promise<Outcome> =>
    this.accounts.act(id, action);
  signInWithBrowser = (id?: string, server?: string): Promise<Outcome> =>
    this.accounts.signInWithBrowser(id, server);
  saveNotifications = (candidate: unknown): SaveResult => this.notifications.save(candidate);
  setDnd = (choice: DndChoice): Outcome => this.notifications.setDnd(choice);
  muteAccount = (id: string, minutes: number): void => this.notifications.muteAccount(id, minutes);
  muteRoom = (account: string, room: string, minutes: number): void =>
    this.notifications.muteRoom(account, room, minutes);
  listHistory = (query: HistoryQuery) => this.history.list(query);
  openHistoryEntry = (seq: number): Promise<Outcome> => this.history.open(seq);
  openNotification = (n: RoomNotification): Promise<Outcome> => this.notificationActions.open(n);
  openNotificationLink = (n: RoomNotification, url: string): Promise<Outcome> =>
    this.notificationActions.openLink(n, url);
  sendNotificationRequest = (n: RoomNotification, link: EventLink): Promise<Outcome> =>
    this.notificationActions.sendRequest(n, link);
  markRoomRead = (account: string, roomId: string): void =>
    this.notificationActions.markRoomRead(account, roomId);
  canReply = (id: string): boolean => this.notificationActions.canReply(id);
  reply = (n: RoomNotification, text: string): Promise<Outcome> =>
    this.notificationActions.reply(n, text);
  accountsWithSecrets = () => this.transfer.withSecrets();
  replaceSettings = (imported: Settings): Promise<void> => this.transfer.replace(imported);
}
