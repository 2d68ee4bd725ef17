// A settings file for the headless CLI in a fresh temporary folder, so each suite's CLI reads
// only its own accounts and nothing of the user's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliConfigInput {
  accounts: Record<string, unknown>[];
  notifications?: Record<string, unknown>;
}

export interface CliConfig {
  /** The file to pass as `--config`. */
  readonly path: string;
  /** Deletes the file and its folder. */
  remove(): Promise<void>;
}

/** Writes `{ version: 1, ...input }` as `tidings.json` in a new folder named after `name`. */
export async function writeCliConfig(name: string, input: CliConfigInput): Promise<CliConfig> {
  const dir = await mkdtemp(join(tmpdir(), `tidings-cli-${name}-`));
  const path = join(dir, 'tidings.json');
  await writeFile(path, JSON.stringify({ version: 1, ...input }));
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
