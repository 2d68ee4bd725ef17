// The desktop app's controller as main.ts builds it, on the electron test double: the real
// settings store (electron-store), the real secret vault (safeStorage), the real log with its
// scrubbing, the real Electron notification sink (macOS' and Windows'; on Linux main.ts uses the
// D-Bus sink, which test/desktop/notification-buttons-linux.test.ts wires to this controller).
// Only the connectors can be swapped.
import { shell } from 'electron';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnector, supportedTypes } from '../../app/connectors/registry.js';
import { systemClock, type Clock } from '../../app/core/clock.js';
import type { ConnectorFactory } from '../../app/core/connector.js';
import type { AccountType } from '../../app/core/settings/accounts.js';
import { createAppLog, type AppLog } from '../../app/desktop/app-log.js';
import type { WindowTarget } from '../../app/ipc/contract.js';
import { Controller } from '../../app/desktop/controller.js';
import { electronCipher } from '../../app/desktop/electron-cipher.js';
import { electronNotificationSink } from '../../app/desktop/electron-notification-sink.js';
import { SecretVault } from '../../app/desktop/storage/secret-vault.js';
import { openSettingsStore } from '../../app/desktop/storage/settings-store.js';
import { afterCommit } from '../../app/core/after-commit-sink.js';
import { openState, type DurableState } from '../../app/state/open-state.js';
import type { SystemDnd } from '../../app/system-dnd/system-dnd.js';
import { resetElectronDouble } from './electron-double.js';

export interface DesktopHarness {
  controller: Controller;
  /** The state database in the data folder, as main.ts opens it. */
  state: DurableState;
  dir: string;
  log: AppLog;
  logFile: string;
  /** Where export writes and import reads. */
  transferFile: string;
  readFile(name: string): string;
  stop(): Promise<void>;
}

export interface DesktopOptions {
  clock?: Clock;
  createConnector?: ConnectorFactory;
  supportedTypes?: readonly AccountType[];
  /** Files to put in the data folder before the app starts. */
  files?: Record<string, string | Buffer>;
  /** Keep using this data folder (a restart) instead of a new one. */
  dir?: string;
  /** 3D Repo's browser sign-in window: the session cookie it would read. */
  browserSignIn?(server: string): Promise<string>;
  /** What opening the settings window does (main.ts opens the window). */
  showSettings?(target?: WindowTarget): void;
  /** The system's do-not-disturb detector, as main.ts hands it in. */
  systemDnd?: SystemDnd;
}

export function startDesktop(options: DesktopOptions = {}): DesktopHarness {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tidings-desktop-'));
  resetElectronDouble(dir);
  for (const [name, content] of Object.entries(options.files ?? {}))
    appendFileSync(join(dir, name), content);
  const logFile = join(dir, 'tidings.log');
  // The log scrubs the vault's secrets, and the vault logs: the log reads it through this box.
  const box: { vault?: SecretVault } = {};
  const log = createAppLog({
    write: (line) => appendFileSync(logFile, `${line}\n`),
    secrets: () => box.vault?.values() ?? [],
  });
  const vault = new SecretVault(join(dir, 'secrets.bin'), electronCipher, log);
  box.vault = vault;
  const clock = options.clock ?? systemClock;
  const state = openState({ dir, clock, log });
  // Clicks call back into the controller made below with this sink; they come only later.
  const sink = electronNotificationSink({
    click: (n) => void controller.openNotification(n),
    openLink: (n, url) => void controller.openNotificationLink(n, url),
    markRead: (n) => controller.markRoomRead(n.account, n.room.id),
    reply: (n, text) => void controller.reply(n, text),
    canReply: (n) => controller.canReply(n.account),
    iconFor: () => undefined,
    sound: () => true,
  });
  const transferFile = join(dir, 'transfer.json');
  let loginItem = false;
  const controller: Controller = new Controller({
    clock,
    log,
    settings: openSettingsStore(dir, log),
    secrets: vault,
    createConnector: options.createConnector ?? createConnector,
    supportedTypes: options.supportedTypes ?? supportedTypes(),
    sink: afterCommit(sink, state.persisted),
    history: state.history,
    unread: state.unread,
    durable: state,
    openExternal: (url) => shell.openExternal(url),
    loginItem: { isEnabled: () => loginItem, setEnabled: (enabled) => (loginItem = enabled) },
    files: {
      chooseExport: () => Promise.resolve(transferFile),
      chooseImport: () => Promise.resolve(transferFile),
    },
    ...(options.browserSignIn && { browserSignIn: options.browserSignIn }),
    versions: { tidings: '0.1.0-test', node: process.versions.node },
    ...(options.showSettings && { showSettings: options.showSettings }),
    ...(options.systemDnd && { systemDnd: options.systemDnd }),
  });
  controller.start();
  return {
    controller,
    state,
    dir,
    log,
    logFile,
    transferFile,
    readFile: (name) => readFileSync(join(dir, name), 'utf8'),
    stop: async () => {
      await controller.stop();
      state.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
