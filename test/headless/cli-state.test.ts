import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';

let config: CliConfig;
const dirs: string[] = [];

beforeAll(async () => {
  config = await writeCliConfig('state', { accounts: [] });
});

afterAll(async () => {
  await config?.remove();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function stateDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-state-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** Starts the CLI on the folder, waits until it runs, stops it; what it wrote to stderr. */
async function startAndStop(dir: string): Promise<{ code: number | null; stderr: string }> {
  const cli = new CliProcess(['--config', config.path, '--state-dir', dir]);
  try {
    await cli.waitFor((c) => c.stderrIncludes(' info started'), 20_000);
  } finally {
    cli.kill('SIGTERM');
  }
  const { code } = await cli.exit();
  return { code, stderr: cli.stderr };
}

/** The contents of every file in the folder, by name. */
async function contents(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const name of await readdir(dir)) result.set(name, await readFile(join(dir, name), 'utf8'));
  return result;
}

describe('headless CLI: unreadable or wrong-shaped state files', () => {
  it.each([
    { file: 'unread.json', content: '{}' },
    { file: 'unread.json', content: '5' },
    { file: 'unread.json', content: '[null]' },
    { file: 'unread.json', content: '{"entries": 3}' },
    { file: 'history.json', content: '{}' },
    { file: 'history.json', content: '[null]' },
    { file: 'history.json', content: '[{"seq": 1}]' },
    { file: 'history.json', content: 'not json {' },
  ])(
    'starts with $file holding $content, and sets it aside untouched',
    async ({ file, content }) => {
      const dir = await stateDir({ [file]: content });
      const { code, stderr } = await startAndStop(dir);
      expect(code).toBe(0);
      expect(stderr).toContain('set aside');
      const files = await contents(dir);
      const kept = [...files].filter(([name, text]) => name !== file && text === content);
      expect(kept.map(([name]) => name)).toEqual([expect.stringMatching(/unreadable/)]);
    },
  );
});

describe("headless CLI: the desktop app's state files in --state-dir", () => {
  it('moves an electron-store unread.json ({"entries": …}) into the database and keeps it as .migrated', async () => {
    const content = JSON.stringify({
      entries: [{ account: 'work', room: 'GENERAL', count: 2, mentions: 1 }],
    });
    const dir = await stateDir({ 'unread.json': content });
    const { code, stderr } = await startAndStop(dir);
    expect(code).toBe(0);
    expect(stderr).not.toContain('set aside');
    const files = await contents(dir);
    expect(files.get('unread.json.migrated')).toBe(content);
    expect(files.has('unread.json')).toBe(false);
    expect(files.has('tidings-state.sqlite')).toBe(true);
  });
});
