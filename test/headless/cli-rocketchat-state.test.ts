import { describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useRocketChatGeneral } from '../support/chat-servers.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';

const chat = useRocketChatGeneral();
const files = useCliSettings('rocketchat-state', () => ({
  accounts: [
    {
      id: 'work',
      type: 'rocketchat',
      server: chat.server.url,
      auth: { username: 'alice', password: 'alice-secret' },
    },
  ],
  notifications: { coalesceMs: 0 },
}));

const cli = () => files.startWithState();
const bodies = (process: CliProcess) => process.notifications().map((l) => l.body);

describe('headless CLI with Rocket.Chat and --state-dir: the catch-up marker outlives the process', () => {
  it('after a kill -9, shows what was posted while it was down, and not what it had shown', async () => {
    const first = cli();
    await first.waitForStatus('work', 'online');
    chat.server.post('bob', 'GENERAL', 'before the crash');
    await first.waitForLine((l) => l.type === 'notification' && l.body === 'before the crash');
    first.kill('SIGKILL');
    await first.exit();

    chat.server.post('bob', 'GENERAL', 'while it was down');

    const second = cli();
    try {
      await second.waitForLine((l) => l.type === 'notification' && l.body === 'while it was down');
      // Anything shown twice would come with the catch-up, which is over by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bodies(second)).not.toContain('before the crash');
      expect(bodies(second).filter((b) => b === 'while it was down')).toHaveLength(1);
    } finally {
      second.kill('SIGTERM');
    }
    expect((await second.exit()).code).toBe(0);
  });
});
