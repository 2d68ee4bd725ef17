import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import {
  PACKAGE_TYPE_FILE,
  UPDATE_CONFIG_FILE,
  updatePolicy,
  type UpdateContext,
} from './update-policy.js';

export const UPDATE_CHECK_MS = 6 * 60 * 60 * 1000;

function updateContext(): UpdateContext {
  const base = { isPackaged: app.isPackaged, platform: process.platform };
  // From a checkout there is no resources folder of ours to read.
  if (!base.isPackaged) return { ...base, publishConfigured: false };
  const resources = process.resourcesPath;
  const packageTypeFile = join(resources, PACKAGE_TYPE_FILE);
  return {
    ...base,
    publishConfigured: existsSync(join(resources, UPDATE_CONFIG_FILE)),
    appImage: process.env.APPIMAGE,
    packageType: existsSync(packageTypeFile)
      ? readFileSync(packageTypeFile, 'utf8').trim()
      : undefined,
  };
}

/**
 * Looks for a new release at start and every few hours, through electron-updater, which
 * downloads it and says so in a notification; it installs on quit. Off (one info line) where
 * `updatePolicy` says no. A failed check (offline, server down) is a warning: the app works on.
 * Returns a function that stops the checks.
 */
export function startUpdateChecks(log: Logger, clock: Clock): () => void {
  const decision = updatePolicy(updateContext());
  if (!decision.check) {
    log.info('update checks off', { reason: decision.reason });
    return () => {};
  }
  let stopped = false;
  let timer: TimerHandle | undefined;
  const check = async () => {
    // Loaded only here: unpackaged and unconfigured runs never load the updater.
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.logger = {
      info: (message?: unknown) => log.info('updater', { message: String(message) }),
      warn: (message?: unknown) => log.warn('updater', { message: String(message) }),
      error: (message?: unknown) => log.warn('updater', { message: String(message) }),
    };
    try {
      await autoUpdater.checkForUpdatesAndNotify();
    } catch (error) {
      log.warn('update check failed', { error: String(error) });
    }
    if (!stopped) timer = clock.setTimeout(() => void check(), UPDATE_CHECK_MS);
  };
  log.info('update checks on', { via: decision.via });
  void check();
  return () => {
    stopped = true;
    if (timer) clock.clearTimeout(timer);
  };
}
