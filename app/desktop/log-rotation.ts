import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';

export const LOG_FILE_BYTES = 5 * 1024 * 1024;
export const LOG_FILES = 5;

/** `tidings.log` → `tidings.1.log`: the n-th older file beside it. */
export function olderLog(file: string, n: number): string {
  return file.replace(/(\.log)?$/, (ext) => `.${n}${ext || ''}`);
}

/**
 * Appends lines to `file`, and when the next line would take it past `maxBytes` the files move
 * down one (`tidings.log` → `tidings.1.log` …) and the oldest goes: at most `files` files of
 * `maxBytes` each, instead of one that grows forever.
 */
export function rotatingLog(
  file: string,
  options: { maxBytes?: number; files?: number } = {},
): (line: string) => void {
  const maxBytes = options.maxBytes ?? LOG_FILE_BYTES;
  const files = options.files ?? LOG_FILES;
  let size = existsSync(file) ? statSync(file).size : 0;

  function rotate(): void {
    rmSync(olderLog(file, files - 1), { force: true });
    for (let n = files - 2; n >= 1; n--)
      if (existsSync(olderLog(file, n))) renameSync(olderLog(file, n), olderLog(file, n + 1));
    if (existsSync(file)) renameSync(file, olderLog(file, 1));
    size = 0;
  }

  return (line) => {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    if (size > 0 && size + bytes > maxBytes) rotate();
    // A file begun after a rotation is the user's only, as the first one.
    appendFileSync(file, text, { mode: 0o600 });
    size += bytes;
  };
}
