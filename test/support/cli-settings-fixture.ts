// A settings file and an empty state folder for the CLI, made before a file's tests and removed
// after: what every headless test file that runs one CLI setup shares.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeCliConfig, type CliConfig, type CliConfigInput } from './cli-config.js';
import { CliProcess } from './cli-process.js';

export interface CliSettings {
  /** Set in beforeAll. */
  config: CliConfig;
  /** For `--state-dir`. */
  stateDir: string;
  /**
   * The CLI on these settings and this state folder, as its own node process (not through npm),
   * so a kill -9 reaches the CLI itself.
   */
  startWithState(): CliProcess;
}

/**
 * `settings` is called in beforeAll, after the hooks registered before this one: it can name the
 * servers those started.
 */
export function useCliSettings(name: string, settings: () => CliConfigInput): CliSettings {
  const files = {
    startWithState: () =>
      new CliProcess(
        ['--config', files.config.path, '--state-dir', files.stateDir],
        process.env,
        'node',
      ),
  } as CliSettings;
  beforeAll(async () => {
    files.stateDir = await mkdtemp(join(tmpdir(), `tidings-${name}-`));
    files.config = await writeCliConfig(name, settings());
  });
  afterAll(async () => {
    await files.config?.remove();
    if (files.stateDir) await rm(files.stateDir, { recursive: true, force: true });
  });
  return files;
}
