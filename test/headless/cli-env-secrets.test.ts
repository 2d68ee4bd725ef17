// The headless CLI on tidings.example.json (every source type, every secret an `{ "env" }`) with
// none of its variables set: each account must say which variable is missing and that it will
// not retry, rather than connect first and report what the network said ("server not found").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';

const EXAMPLE = join(process.cwd(), 'tidings.example.json');

interface ExampleAccount extends Record<string, unknown> {
  id: string;
}

/** The example's accounts, pointed at hosts that cannot resolve and a free loopback port. */
function unreachableExample(): ExampleAccount[] {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { accounts: ExampleAccount[] };
  return example.accounts.map((account) => {
    const copy: ExampleAccount = { ...account };
    for (const key of ['server', 'broker'] as const) {
      const value = copy[key];
      if (typeof value === 'string') {
        const url = new URL(value);
        url.hostname = `${account.id}.tidings.invalid`;
        copy[key] = url.toString().replace(/\/$/, '');
      }
    }
    if (typeof copy.listen === 'string') copy.listen = '127.0.0.1:0';
    return copy;
  });
}

/** The variables the example names, one per account. */
function variablesOf(account: ExampleAccount): string[] {
  return [...JSON.stringify(account).matchAll(/"env":"([A-Z0-9_]+)"/g)].map((m) => m[1]!);
}

let config: CliConfig | undefined;
let cli: CliProcess | undefined;
afterEach(async () => {
  cli?.kill();
  await cli?.exit();
  await config?.remove();
});

describe('headless CLI: a secret whose environment variable is unset', () => {
  it('says, for every source type, which variable is missing and that it will not retry', async () => {
    const accounts = unreachableExample();
    config = await writeCliConfig('env-secrets', { accounts });
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('TIDINGS_')),
    );
    cli = new CliProcess(['--config', config.path], env, 'node');

    for (const account of accounts) {
      const [variable] = variablesOf(account);
      const line = await cli.waitForLine(
        (l) => l.type === 'status' && l.account === account.id && l.state !== 'connecting',
      );
      expect(line, account.id).toMatchObject({ state: 'offline' });
      expect(line.reason, account.id).toBe(
        `environment variable ${variable} is not set; not retried until it is set and Tidings is started again`,
      );
    }
    const states = cli
      .lines()
      .filter((l) => l.type === 'status')
      .map((l) => `${String(l.account)}: ${String(l.state)}`);
    expect(states.filter((s) => /reconnecting|online/.test(s))).toEqual([]);
  });
});
