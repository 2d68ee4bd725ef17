import { app, dialog, net, powerMonitor, shell } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnector, supportedTypes } from '../connectors/registry.js';
import { accountNamedSink } from '../core/account-named-sink.js';
import { afterCommit } from '../core/after-commit-sink.js';
import { systemClock } from '../core/clock.js';
import { keepRunningOnStrayErrors } from '../core/stray-errors.js';
import { openState } from '../state/open-state.js';
import { sharedSessionBus } from '../linux-notifications/shared-session-bus.js';
import { createSystemDnd } from '../system-dnd/create.js';
import { createAppLog } from './app-log.js';
import { openLogFile } from './log-file.js';
import { startUpdateChecks } from './auto-update.js';
import { launchOptions } from './launch-options.js';
import { signInWithBrowser } from './browser-sign-in.js';
import { Controller } from './controller.js';
import { DEEP_LINK_SCHEME, deepLinkIn, pageOfDeepLink } from './deep-link.js';
import { electronCipher } from './electron-cipher.js';
import { desktopNotifications } from './desktop-notification-sink.js';
import { controllerHandlers } from './ipc/handlers.js';
import { registerIpc } from './ipc/register.js';
import { loginItem } from './login-item.js';
import { watchNetwork } from './network-watch.js';
import { importSettingsFrom } from './settings-transfer.js';
import { SettingsWindow, denyPermissions } from './settings-window.js';
import { opensWindowAtStart } from './start-window.js';
import { makePrivateDir } from './storage/private-files.js';
import { SecretVault } from './storage/secret-vault.js';
import { openSettingsStore } from './storage/settings-store.js';
import { throttle } from './throttle.js';
import { TOAST_ACTIVATOR_CLSID, handleToastActivations } from './toast-activation.js';
import { sourceIconFile } from './tray/tray-icons.js';
import { createTray } from './tray/tray.js';
import { trayCanShow } from './tray-visibility.js';
import { registerUiScheme, serveUi } from './ui-protocol.js';

/**
 * The Electron edge: it builds the controller from real OS pieces and wires OS events to it.
 * Everything with logic lives in plain modules beside this one.
 */
const APP_ID = 'io.tidings.app';
const WINDOW_PUSH_MS = 250;

function openLinkFrom(argv: readonly string[], window: SettingsWindow): boolean {
  const link = deepLinkIn(argv);
  const page = link ? pageOfDeepLink(link) : undefined;
  if (page) window.open(page);
  return page !== undefined;
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const appRoot = app.getAppPath();
  const icons = app.isPackaged
    ? join(process.resourcesPath, 'icons')
    : join(appRoot, 'build', 'icons');
  makePrivateDir(dataDir);
  const writeLog = openLogFile(join(dataDir, 'logs', 'tidings.log'));

  // The log scrubs the vault's secrets, and the vault logs: the log reads it through this box.
  const box: { vault?: SecretVault } = {};
  const log = createAppLog({
    write: writeLog,
    secrets: () => box.vault?.values() ?? [],
  });
  const vault = new SecretVault(join(dataDir, 'secrets.bin'), electronCipher, log);
  box.vault = vault;
  keepRunningOnStrayErrors(process, log);

  // History, unread counts, dedupe and catch-up markers: one database, shared with the CLI.
  const state = openState({ dir: dataDir, clock: systemClock, log });

  const window = new SettingsWindow(fileURLToPath(new URL('./preload.cjs', import.meta.url)));
  // One session-bus connection (Linux) for the notifications and the system's do-not-disturb.
  const sessionBus = sharedSessionBus(process.env);
  // Clicks call back into the controller made below with this sink; they come only later.
  const notifications = desktopNotifications(
    {
      click: (n) => void controller.openNotification(n),
      openLink: (n, url) => void controller.openNotificationLink(n, url),
      sendRequest: (n, link) => controller.sendNotificationRequest(n, link),
      markRead: (n) => controller.markRoomRead(n.account, n.room.id),
      mute: (n) => controller.muteRoom(n.account, n.room.id, 60),
      reply: (n, text) => void controller.reply(n, text),
      canReply: (n) => controller.canReply(n.account),
      iconFor: (n) => {
        const type = controller.accountType(n.account);
        return type && sourceIconFile(join(icons, 'sources'), type);
      },
      sound: () => controller.snapshot().notifications.sound,
    },
    log,
    process.platform,
    sessionBus,
  );
  const controller: Controller = new Controller({
    clock: systemClock,
    log,
    settings: openSettingsStore(dataDir, log),
    secrets: vault,
    createConnector,
    supportedTypes: supportedTypes(),
    sink: afterCommit(
      accountNamedSink(notifications.sink, () => controller.configuredAccounts()),
      state.persisted,
    ),
    history: state.history,
    unread: state.unread,
    durable: state,
    openExternal: (url) => shell.openExternal(url),
    // KDE, GNOME and dunst on Linux, Focus on macOS, quiet time on Windows (app/system-dnd).
    systemDnd: createSystemDnd({
      platform: process.platform,
      env: process.env,
      log,
      clock: systemClock,
      connectBus: sessionBus,
    }),
    notifier: notifications.status,
    loginItem: loginItem(),
    files: {
      chooseExport: async () =>
        (await dialog.showSaveDialog({ defaultPath: 'tidings-settings.json' })).filePath ||
        undefined,
      chooseImport: async () =>
        (
          await dialog.showOpenDialog({
            properties: ['openFile'],
            filters: [{ name: 'Settings', extensions: ['json'] }],
          })
        ).filePaths[0],
    },
    browserSignIn: signInWithBrowser,
    showSettings: (target) => window.open(target),
    logFolder: join(dataDir, 'logs'),
    openFolder: (path) => shell.openPath(path),
    locale: app.getLocale(),
    versions: {
      tidings: app.getVersion(),
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
      platform: `${process.platform} ${process.arch}`,
    },
  });

  serveUi(join(appRoot, 'renderer'));
  denyPermissions();
  registerIpc({ handlers: controllerHandlers(controller), log, window: () => window.identity });
  controller.start();
  const stopUpdateChecks = startUpdateChecks(log, systemClock);
  if (process.platform === 'win32')
    handleToastActivations({
      liveNotifications: () => notifications.liveNotifications(),
      open: (page) => window.open(page),
    });
  // The tray is built once the import has landed: built before, its first menu would be the
  // empty first-run one ("Add an account…") that the imported accounts replace a moment later.
  if (launch.importSettings) {
    const file = launch.importSettings;
    const result = await importSettingsFrom(controller, file);
    if (result.ok) log.info('settings imported', { file });
    else log.error('settings import failed', { file, errors: result.errors });
  }

  const tray = createTray({
    iconDir: join(icons, 'tray'),
    platform: process.platform,
    clock: systemClock,
    state: () => controller.trayState(),
    dispatch: (action) => {
      if (action.type === 'quit') app.quit();
      else void controller.perform(action);
    },
  });
  const pushToWindow = throttle(
    () => window.push(controller.snapshot()),
    WINDOW_PUSH_MS,
    systemClock,
  );
  controller.onChange(() => {
    tray.refresh();
    pushToWindow();
  });

  powerMonitor.on('resume', () => {
    log.info('system resumed');
    controller.resume();
  });
  const stopWatchingNetwork = watchNetwork({
    isOnline: () => net.isOnline(),
    clock: systemClock,
    onBack: () => {
      log.info('network is back');
      controller.resume();
    },
  });

  app.on('second-instance', (_event, argv) => {
    if (!openLinkFrom(argv, window)) window.open();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const page = pageOfDeepLink(url);
    if (page) window.open(page);
  });
  // A tray app stays when its window closes.
  app.on('window-all-closed', () => {});
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    stopWatchingNetwork();
    stopUpdateChecks();
    tray.destroy();
    void controller.stop().finally(() => {
      notifications.close();
      state.close();
      app.exit(0);
    });
  });

  // Hidden in the tray, unless a link asks for a page, a first run needs an account, the
  // settings file had to be set aside (the window says so), or no tray icon can be seen.
  const linked = openLinkFrom(process.argv, window);
  const trayShown = trayCanShow({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    exists: existsSync,
  });
  if (!trayShown) log.info('no tray icon can be shown here: opening the settings window');
  const opens = opensWindowAtStart({
    accounts: controller.snapshot().accounts.length,
    argv: process.argv,
    importing: launch.importSettings !== undefined,
    problem: Boolean(controller.problem),
    trayShown,
  });
  if (!linked && opens) window.open('accounts');
}

const launch = launchOptions(process.argv);
// Before the lock: the lock belongs to the data folder, so a second Tidings can run beside.
if (launch.dataDir) app.setPath('userData', resolve(launch.dataDir));
if (!app.requestSingleInstanceLock()) app.quit();
else {
  if (process.platform === 'win32') {
    // The activator first: Electron writes both into the Start Menu shortcut it keeps.
    app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
    app.setAppUserModelId(APP_ID);
  }
  // From a checkout, the link must start Electron with the app's folder.
  if (process.defaultApp && process.argv[1])
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  registerUiScheme();
  void app.whenReady().then(start);
}
