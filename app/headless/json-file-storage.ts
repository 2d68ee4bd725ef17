import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/log.js';
import type { Storage } from '../core/storage.js';

/**
 * Keeps a value as a JSON file. Writes go to a temporary file renamed over the old one, so a
 * crash mid-write never leaves half a file. A file that cannot be read is set aside, not
 * overwritten, so nothing in it is lost.
 */
export function jsonFileStorage<T>(path: string, log: Logger): Storage<T> {
  return {
    load() {
      if (!existsSync(path)) return undefined;
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as T;
      } catch (error) {
        const aside = `${path}.corrupt-${Date.now()}`;
        renameSync(path, aside);
        log.warn('state file could not be read; set aside', { path, aside, error: String(error) });
        return undefined;
      }
    },
    save(value) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        const temporary = `${path}.tmp-${process.pid}`;
        writeFileSync(temporary, JSON.stringify(value));
        renameSync(temporary, path);
      } catch (error) {
        log.error('state file could not be written', { path, error: String(error) });
      }
    },
  };
}
