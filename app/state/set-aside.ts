import { chmodSync, existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

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
  chmodSync(aside, 0o600);
  return aside;
}
