import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, makePrivateFile, PRIVATE_FILE_MODE } from './private-files.js';

// Set aside lives with the state database, which both front ends share.
export { setAside } from '../../state/set-aside.js';

/** Writes through a temporary file renamed over the old one: a crash never leaves half a file. */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode = PRIVATE_FILE_MODE,
): void {
  makePrivateDir(dirname(path));
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, data, { mode });
  renameSync(temporary, path);
}

/** Keeps a copy of a file that was read, before it is migrated or replaced. */
export function keepCopy(path: string, copy: string): void {
  copyFileSync(path, copy);
  // copyFileSync keeps the mode of an older, readable original.
  makePrivateFile(copy);
}
