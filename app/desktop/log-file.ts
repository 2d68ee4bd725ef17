import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, makePrivateFile } from './storage/private-files.js';

/**
 * The app log's file: it names the user's accounts, rooms and servers, so it is the user's only
 * (0600 in a 0700 folder), a file an older version left readable included.
 */
export function openLogFile(path: string): (line: string) => void {
  makePrivateDir(dirname(path));
  makePrivateFile(path);
  return (line) => appendFileSync(path, `${line}\n`, { mode: 0o600 });
}
