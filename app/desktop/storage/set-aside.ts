import { copyFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { makePrivateDir, makePrivateFile, PRIVATE_FILE_MODE } from './private-files.js';

/**
 * Moves a file Tidings could not read out of the way under a new name, so the next save cannot
 * overwrite it and the user (or support) can still look at what was in it. Returns the new path.
 */
export function setAside(path: string, why: string, now = Date.now()): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let aside = join(dirname(path), `${stem}.${why}-${stamp}${extension}`);
  for (let n = 2; existsSync(aside); n++)
    aside = join(dirname(path), `${stem}.${why}-${stamp}-${n}${extension}`);
  renameSync(path, aside);
  // An older version may have left it readable by everyone; what it holds is no less private.
  makePrivateFile(aside);
  return aside;
}

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
