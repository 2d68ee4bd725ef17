import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, runCli } from '../support/cli-process.js';

let dir: string;

async function configFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** What npm itself may print to stderr (a warning about the machine's npmrc) is not ours. */
function ourStderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('headless CLI: invalid configs exit 2 with one line naming the field', () => {
  it.each([
    {
      name: 'a broker that is not an MQTT URL',
      config: {
        version: 1,
        accounts: [{ id: 'd', type: 'dino', broker: 'http://localhost:1883', userId: '1' }],
      },
      line: 'accounts[0].broker: expected an mqtt://, mqtts://, ws:// or wss:// URL',
    },
    {
      name: 'a misspelt field',
      config: { version: 1, notifications: { coalesceMS: 10 } },
      line: 'notifications: unknown field "coalesceMS"',
    },
    {
      name: 'a file that is not JSON',
      config: '{ "version": 1, ',
      line: 'not valid JSON',
    },
    {
      name: 'an unknown account type',
      config: { version: 1, accounts: [{ id: 'x', type: 'irc' }] },
      line: 'accounts[0].type: expected a type: rocketchat, 3drepo, dino, kuzzle, ntfy, gotify, mqtt, webhook',
    },
  ])('$name', async ({ config, line }) => {
    const path = await configFile('bad.json', config);
    const result = await runCli(['--config', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = ourStderrLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`tidings: invalid config ${path}: `);
    expect(lines[0]).toContain(line);
  });

  it('a config file that does not exist', async () => {
    const result = await runCli(['--config', join(dir, 'missing.json')]);
    expect(result.code).toBe(2);
    expect(ourStderrLines(result.stderr)).toEqual([
      `tidings: invalid config ${join(dir, 'missing.json')}: cannot read ${join(dir, 'missing.json')} (ENOENT)`,
    ]);
  });

  it('no --config at all', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(ourStderrLines(result.stderr)[0]).toBe('tidings: --config FILE is required');
  });
});

describe('headless CLI: signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a config with no accounts runs until %s and exits 0, stdout silent',
    async (signal) => {
      const path = await configFile('empty.json', { version: 1, accounts: [] });
      const cli = new CliProcess(['--config', path]);
      await cli.waitFor((c) => c.stderrIncludes('info started'));
      // Still running a while later: nothing but a signal ends it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(cli.child.exitCode).toBeNull();
      cli.kill(signal);
      const { code } = await cli.exit();
      expect(code).toBe(0);
      expect(cli.stdout).toBe('');
      expect(cli.stderr).toContain(`shutting down {"signal":"${signal}"}`);
    },
  );
});
