import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE, parseArgs } from '../../app/headless/args.js';

describe('the CLI arguments for desktop notifications', () => {
  it('--notify-send turns them on, with action buttons unless --no-actions', () => {
    expect(parseArgs(['--config', 'c.json'])).toEqual({
      config: 'c.json',
      notifySend: false,
      actions: true,
    });
    expect(parseArgs(['--config=c.json', '--notify-send'])).toMatchObject({
      notifySend: true,
      actions: true,
    });
    expect(parseArgs(['--config=c.json', '--notify-send', '--no-actions'])).toMatchObject({
      notifySend: true,
      actions: false,
    });
    expect(parseArgs(['--config=c.json', '--no-actions', '--actions'])).toMatchObject({
      actions: true,
    });
  });
});

describe('the usage text', () => {
  it('names every flag the parser takes, and the README shows it as the CLI prints it', () => {
    for (const flag of ['--config', '--notify-send', '--actions', '--no-actions', '--state-dir'])
      expect(USAGE).toContain(`  ${flag}`);
    expect(USAGE).toContain("follows the system's\n                    do-not-disturb");
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`\n${USAGE}\n\`\`\``);
  });
});
