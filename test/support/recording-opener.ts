// The system's opener for a process under test: an `xdg-open` first on its PATH that records
// what it was asked to open, one line each, instead of opening it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordingOpener {
  /** `env` with the recording `xdg-open` first on PATH. */
  env(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** What it was asked to open so far, a line each ('' when nothing). */
  opened(): string;
  remove(): void;
}

export function recordingOpener(name: string): RecordingOpener {
  const dir = mkdtempSync(join(tmpdir(), `tidings-${name}-`));
  const log = join(dir, 'opened.txt');
  writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(join(dir, 'xdg-open'), 0o755);
  return {
    env: (env) => ({ ...env, PATH: `${dir}:${process.env.PATH}` }),
    opened: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
