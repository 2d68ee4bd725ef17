// Memory a user would notice: 200 Dino messages of 1 MB each through the CLI with history kept
// on disk. What is shown and kept is capped, so the CLI's peak resident memory stays small.
import { describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useDinoCli } from '../support/dino-cli-fixture.js';
import { directMessage } from '../connectors/dino/fixtures.js';

const USER = '4321';
const MESSAGES = 200;
const RSS_LIMIT_KB = 200 * 1024;

const fixture = useDinoCli('memory', USER);

describe('headless CLI memory with 1 MB messages', () => {
  it(`${MESSAGES} messages of 1 MB with history on stay under 200 MB resident`, async () => {
    const cli = new CliProcess(['--config', fixture.config.path, '--state-dir', fixture.stateDir]);
    try {
      await cli.waitForStatus('community', 'online');
      const body = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < MESSAGES; i++)
        await fixture.publish(
          directMessage({
            sender: '42',
            senderName: 'bob',
            to: USER,
            messageId: `m${i}`,
            text: body,
          }),
        );
      await cli.waitFor(
        (c) => c.lines().filter((l) => l.type === 'notification').length === MESSAGES,
        60_000,
      );
      const peakKb = await cli.procStatus('VmHWM');
      process.stderr.write(
        `CLI peak RSS (VmHWM) after ${MESSAGES} × 1 MB: ${Math.round(peakKb / 1024)} MB\n`,
      );
      expect(peakKb).toBeLessThan(RSS_LIMIT_KB);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
