import ElectronStore from 'electron-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/log.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import { setAside } from './set-aside.js';

/** One JSON document in the app's data folder, kept by electron-store. */
export interface JsonStore<T extends Record<string, unknown>> {
  readonly path: string;
  read(): T | undefined;
  write(value: T): void;
}

/**
 * An electron-store over `<dir>/<name>.json`. A file that is not JSON makes electron-store throw;
 * it is set aside (never overwritten) and the store starts empty.
 */
export function openJsonStore<T extends Record<string, unknown>>(
  dir: string,
  name: string,
  log: Logger,
): JsonStore<T> {
  const path = join(dir, `${name}.json`);
  makePrivateDir(dir);
  const open = () =>
    new ElectronStore<T>({
      name,
      cwd: dir,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      // Also applied to an existing file on every write, so an older 0644 file is narrowed.
      configFileMode: PRIVATE_FILE_MODE,
    });
  let store: ElectronStore<T>;
  try {
    store = open();
  } catch (error) {
    if (!existsSync(path)) throw error;
    const aside = setAside(path, 'unreadable');
    log.warn('a data file could not be read; set aside', { path, aside, error: String(error) });
    store = open();
  }
  return {
    path,
    read: () => (existsSync(path) ? store.store : undefined),
    write: (value) => {
      store.store = value;
    },
  };
}
