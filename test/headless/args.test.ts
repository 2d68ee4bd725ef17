import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../app/headless/args.js';

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
