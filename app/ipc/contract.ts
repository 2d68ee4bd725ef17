/**
 * The typed contract between the main process and the settings window: what the preload exposes
 * as `window.tidings`, what main answers. Types only: the renderer (plain ES modules checked by
 * tsc through JSDoc) and the sandboxed preload cannot load anything else at run time. Main
 * validates every request against app/ipc/requests.ts before it reaches the controller.
 */
import type { AccountStatus, ConnectorState, RoomInfo } from '../core/connector.js';
import type { HistoryDecision } from '../core/pipeline/history.js';
import type { DndChoice } from '../core/rules/dnd.js';
import type { AccountType } from '../core/settings/accounts.js';
import type { NotificationSettings } from '../core/settings/notifications.js';

/** The settings window's pages; a `tidings://settings/<page>` link opens one. */
export const PAGES = ['accounts', 'notifications', 'history', 'general'] as const;
export type Page = (typeof PAGES)[number];

/**
 * Where the window opens: a page, and on Accounts one account (`signIn`: its editor, focus on
 * its sign-in, as the tray's "Fix sign-in…" asks; else its row). As a URL hash: `#accounts/<id>`
 * or `#accounts/<id>/sign-in`.
 */
export interface WindowTarget {
  page: Page;
  account?: string;
  signIn?: boolean;
}

/** `#page`, `#page/<account>`, `#page/<account>/sign-in`: the window's URL hash for a target. */
export function targetHash(target: WindowTarget): string {
  const account = target.account === undefined ? '' : `/${encodeURIComponent(target.account)}`;
  return `#${target.page}${account}${account && target.signIn ? '/sign-in' : ''}`;
}

/** An account as the window edits it: stored secrets come back as '' (listed in `storedSecrets`). */
export type AccountForm = Record<string, unknown> & { id: string; type: AccountType };

export interface AccountView {
  id: string;
  name: string;
  type: AccountType;
  enabled: boolean;
  state: ConnectorState;
  /** "online", "reconnecting in 8 s", "sign-in failed: wrong password". */
  statusText: string;
  details?: AccountStatus['details'];
  unread: { count: number; mentions: number };
  paused: boolean;
  form: AccountForm;
  /** Secret fields (`auth.password`) that the secure store holds: left empty to keep them. */
  storedSecrets: string[];
  /** What the account's own server keeps about its notifications (Rocket.Chat), in words. */
  server?: ServerPreferencesView;
}

export interface ServerPreferencesView {
  /** The account's level there: "mentions only". */
  level: string;
  /** Words the server treats as mentions; Tidings counts them as keywords for the account. */
  highlights: string[];
  stayUntilDismissed: boolean;
  /** Each room's level there, by room id: "nothing", "muted", "the account's default". */
  rooms: Record<string, string>;
}

export interface SecretProtection {
  /** False where secrets are not protected by an OS keyring (Linux `basic_text`) or not saved. */
  protected: boolean;
  /** Where secrets are kept, in words: "your desktop keyring (GNOME Keyring)". */
  store: string;
  /** What it means for the user and what to do, as the window's banner says it. */
  warning?: string;
  /** The technical side of the warning, under the banner's "Details". */
  detail?: string;
}

export interface AppSnapshot {
  accounts: AccountView[];
  notifications: NotificationSettings;
  dnd: { active: boolean; label: string };
  /** The system's own do-not-disturb and whether it holds notifications back, in words. */
  systemDnd: { state: 'on' | 'off' | 'unknown'; source?: string; holding: boolean; label: string };
  /** Whether notifications can be shown; `warning` in words while they cannot (no server). */
  notifier: { available: boolean; warning?: string; detail?: string };
  paused: boolean;
  secrets: SecretProtection;
  supportedTypes: AccountType[];
  startAtLogin: boolean;
}

/** A field the window shows its error beside: `broker`, `auth.password`, `coalesceMs`. */
export interface FieldError {
  field: string;
  message: string;
}

export type SaveResult = { ok: true } | { ok: false; errors: FieldError[] };
export interface Outcome {
  ok: boolean;
  message: string;
}

export interface RoomChoice extends RoomInfo {
  /** `server`: listed by the server; `history`: rooms this account has had events from. */
  source: 'server' | 'history';
}

/** The rooms a picker offers, and why there are none (or fewer) when something went wrong. */
export interface RoomList {
  rooms: RoomChoice[];
  source: 'server' | 'history';
  error?: string;
}

export interface HistoryQuery {
  text?: string;
  account?: string;
  decision?: HistoryDecision;
  /** How many matching entries to skip (newest first): the page. */
  offset?: number;
  limit?: number;
  /** Counter updates and presence (nothing a person reads) are left out unless asked for. */
  bookkeeping?: boolean;
}

export interface HistoryPage {
  entries: HistoryView[];
  /** How many entries match, on every page. */
  total: number;
  /** How many matching entries are counter bookkeeping, left out of `total` unless asked for. */
  bookkeeping: number;
  /**
   * A text search counts only so far (it scans the rows): more than `total` match, and
   * `bookkeeping` counts only among those counted.
   */
  moreThanTotal?: boolean;
}

export interface HistoryView {
  seq: number;
  receivedAt: number;
  account: string;
  kind: string;
  room: string;
  title: string;
  body: string;
  url?: string;
  decision: HistoryDecision;
  reason: string;
  /** What became of it later: "Sent 'Retry': 200 OK" (an ntfy `http` button's request). */
  note?: string;
}

export interface Diagnostics {
  versions: Record<string, string>;
  /** The newest lines of the connection log, secrets removed. */
  log: string[];
}

export type AccountAction = 'reconnect' | 'pause' | 'mark-read';

/** Each method: its request and its answer. */
export interface Methods {
  getSnapshot: [request: Record<string, never>, response: AppSnapshot];
  saveAccount: [request: { account: AccountForm; previousId?: string }, response: SaveResult];
  /** `forgetHistory`: the account's events leave history too; otherwise they stay. */
  removeAccount: [request: { id: string; forgetHistory?: boolean }, response: Outcome];
  testConnection: [request: { account: AccountForm; previousId?: string }, response: Outcome];
  listRooms: [request: { id: string }, response: RoomList];
  /**
   * The editor's "Find rooms on the server": the account as typed (not saved yet, or
   * `previousId`'s, its stored secrets kept) signs in once and lists what it could follow.
   */
  findRooms: [request: { account: AccountForm; previousId?: string }, response: RoomList];
  saveNotifications: [request: { notifications: unknown }, response: SaveResult];
  setDnd: [request: { choice: DndChoice }, response: Outcome];
  accountAction: [request: { id: string; action: AccountAction }, response: Outcome];
  listHistory: [request: HistoryQuery, response: HistoryPage];
  openHistoryEntry: [request: { seq: number }, response: Outcome];
  setStartAtLogin: [request: { enabled: boolean }, response: Outcome];
  exportSettings: [request: { includeSecrets: boolean }, response: Outcome];
  importSettings: [request: Record<string, never>, response: SaveResult];
  /**
   * A saved 3D Repo account (`id`) signs in again; with `server`, an account not saved yet signs
   * in and its next save keeps the session.
   */
  signInWithBrowser: [request: { id?: string; server?: string }, response: Outcome];
  diagnostics: [request: Record<string, never>, response: Diagnostics];
  /** A notification that shows how one from `account` (or from Tidings itself) looks. */
  sendTestNotification: [request: { account?: string }, response: Outcome];
  /** The folder the log files are in, opened in the file manager. */
  openLogFolder: [request: Record<string, never>, response: Outcome];
  /**
   * Writes a level to the account's server too ("also on the server"): the room's, or the
   * account's without `room`; `default` makes the room follow the account there.
   */
  saveServerLevel: [
    request: { id: string; room?: string; level: 'all' | 'mentions' | 'none' | 'default' },
    response: Outcome,
  ];
  /** The two-factor code a Rocket.Chat server asked for at sign-in. */
  sendTwoFactorCode: [request: { id: string; code: string }, response: Outcome];
}

export type Method = keyof Methods;
export type RequestOf<M extends Method> = Methods[M][0];
export type ResponseOf<M extends Method> = Methods[M][1];

/** The channel each method travels on, and the one main pushes snapshots on. */
export const channelOf = (method: Method): string => `tidings:${method}`;
export const SNAPSHOT_CHANNEL = 'tidings:snapshot';
export const PAGE_CHANNEL = 'tidings:page';

/** `window.tidings`: what the preload (and the browser tests' bridge) exposes, nothing more. */
export type TidingsBridge = {
  [M in Method]: (request: RequestOf<M>) => Promise<ResponseOf<M>>;
} & {
  /** Main pushes a fresh snapshot whenever the app's state changes; returns an unsubscribe. */
  onSnapshot(listener: (snapshot: AppSnapshot) => void): () => void;
  /** A deep link or the tray asks for a page (and maybe an account on it). */
  onPage(listener: (target: WindowTarget) => void): () => void;
};
