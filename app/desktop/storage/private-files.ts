import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** Files that hold what the user does (settings, secrets, the log) are theirs only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder 0700, or narrows an existing one: mkdir's mode is cut by the umask. */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/** Narrows a file that exists (an older version may have left it 0644) to 0600. */
export function makePrivateFile(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
