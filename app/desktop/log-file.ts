import { dirname } from 'node:path';
import { rotatingLog } from './log-rotation.js';
import { makePrivateDir, makePrivateFile } from './storage/private-files.js';

/**
 * The app log's file: it names the user's accounts, rooms and servers, so it is the user's only
 * (0600 in a 0700 folder), a file an older version left readable included. It rotates (5 files
 * of 5 MB) rather than growing forever.
 */
export function openLogFile(path: string): (line: string) => void {
  makePrivateDir(dirname(path));
  makePrivateFile(path);
  return rotatingLog(path);
}
