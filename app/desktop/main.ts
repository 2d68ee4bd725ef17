import { app, shell } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectorFor, createConnector } from '../connectors/registry.js';
import { systemClock } from '../core/clock.js';
import { Pipeline } from '../core/pipeline/pipeline.js';
import { settingsSchema } from '../core/settings/schema.js';
import { parseSettings } from '../core/settings/validate.js';
import { Supervisor } from '../core/supervisor/supervisor.js';
import { ConnectorError } from '../core/connector.js';
import type { Logger } from '../core/log.js';
import type { Secret } from '../core/settings/fields.js';
import { electronNotificationSink } from './electron-notification-sink.js';

/**
 * The desktop app's start. The tray, settings window and secure storage come with the desktop
 * issue; until then it reads `settings.json` from the app's data folder and notifies.
 */
const log: Logger = {
  debug: () => {},
  info: (message, fields) => console.info(message, fields ?? ''),
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
};

/** Until the secure store lands, the desktop app takes secrets written in its settings file. */
function resolveSecret(secret: Secret): Promise<string> {
  if (typeof secret === 'string') return Promise.resolve(secret);
  return Promise.reject(
    new ConnectorError(
      'config',
      'the desktop app reads secrets from its own store, not env or command',
    ),
  );
}

function loadSettings() {
  const path = join(app.getPath('userData'), 'settings.json');
  if (!existsSync(path)) return settingsSchema.parse({ version: 1 });
  const result = parseSettings(readFileSync(path, 'utf8'));
  if (!result.ok) {
    log.error('settings not loaded', { path, error: result.error.message });
    return settingsSchema.parse({ version: 1 });
  }
  return result.settings;
}

if (!app.requestSingleInstanceLock()) app.quit();
else
  void app.whenReady().then(() => {
    const settings = loadSettings();
    const sink = electronNotificationSink((n) => {
      // Links come from servers: only web links leave the app.
      if (n.url && /^https?:\/\//i.test(n.url)) void shell.openExternal(n.url);
      pipeline.markRoomRead(n.account, n.room.id);
    });
    const pipeline = new Pipeline({ settings: settings.notifications, sink, clock: systemClock });
    const supported = settings.accounts.filter((account) => connectorFor(account.type));
    const supervisor = new Supervisor({
      clock: systemClock,
      createConnector,
      resolveSecret: (secret) => resolveSecret(secret),
      onEvent: (event) => pipeline.accept(event),
      onStatus: (status) => log.info('status', { ...status }),
      log,
    });
    supervisor.start(supported);
    // A tray app stays when its windows close.
    app.on('window-all-closed', () => {});
    app.on('before-quit', () => {
      void supervisor.stop();
      pipeline.close();
    });
  });
