import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Set aside lives with the state database, which both front ends share.
export { setAside } from '../../state/set-aside.js';

/** Writes through a temporary file renamed over the old one: a crash never leaves half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, data, { mode });
  renameSync(temporary, path);
}

/** Keeps a copy of a file that was read, before it is migrated or replaced. */
export function keepCopy(path: string, copy: string): void {
  copyFileSync(path, copy);
}
