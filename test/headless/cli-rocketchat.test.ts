import { describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useRocketChatGeneral } from '../support/chat-servers.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';

const chat = useRocketChatGeneral();
const files = useCliSettings('rocketchat', () => ({
  accounts: [
    {
      id: 'work',
      type: 'rocketchat',
      server: chat.server.url,
      auth: { username: 'alice', password: { env: 'RC_PASSWORD' } },
    },
  ],
  notifications: { coalesceMs: 300 },
}));

describe('headless CLI with a Rocket.Chat account against the test server', () => {
  it("prints the notification line for another user's message", async () => {
    const cli = new CliProcess(['--config', files.config.path], {
      ...process.env,
      RC_PASSWORD: 'alice-secret',
    });
    try {
      await cli.waitForStatus('work', 'online');
      const message = chat.server.post('bob', 'GENERAL', 'standup in 5');
      expect(await cli.waitForLine((l) => l.type === 'notification')).toEqual({
        type: 'notification',
        account: 'work',
        kind: 'message-sent',
        room: 'GENERAL',
        title: 'bob in #general',
        body: 'standup in 5',
        url: `${chat.server.url}/channel/general?msg=${message._id}`,
        id: message._id,
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
    expect(() => cli.lines()).not.toThrow();
  });

  it('says auth-failed with the server reason for a wrong password', async () => {
    const cli = new CliProcess(['--config', files.config.path], {
      ...process.env,
      RC_PASSWORD: 'wrong',
    });
    try {
      expect(await cli.waitForStatus('work', 'auth-failed')).toMatchObject({
        reason: 'User not found',
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Not retried: the password will not become right by itself.
      expect(cli.lines().filter((l) => l.state === 'connecting')).toHaveLength(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });

  it('a server restart: the messages posted meanwhile come as one summary, and never again', async () => {
    const cli = new CliProcess(['--config', files.config.path], {
      ...process.env,
      RC_PASSWORD: 'alice-secret',
    });
    try {
      await cli.waitForStatus('work', 'online');
      await chat.server.stop();
      await cli.waitForStatus('work', 'reconnecting');
      for (const text of ['one', 'two', 'three']) chat.server.post('bob', 'GENERAL', text);
      await chat.server.restart();
      // One summary for the room (its count is the server's unread count, which also holds the
      // earlier test's message), ending with the last one missed.
      const summary = await cli.waitForLine(
        (l) => l.type === 'notification' && String(l.body).startsWith('bob: three\n'),
        20_000,
      );
      expect(summary).toMatchObject({
        room: 'GENERAL',
        title: expect.stringMatching(/^\d+ new messages in #general$/),
      });
      // The title counts them all; the body says the newest, then the rest.
      const count = Number(/^\d+/.exec(String(summary.title))![0]);
      expect(summary.body).toBe(`bob: three\nand ${count - 1} more from bob`);
      const live = chat.server.post('bob', 'GENERAL', 'back again');
      await cli.waitForLine((l) => l.type === 'notification' && l.id === live._id);
      // Nothing of the outage shown twice: the summary, then the live message, and no more.
      const shown = cli.lines().filter((l) => l.type === 'notification');
      expect(shown).toHaveLength(2);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
