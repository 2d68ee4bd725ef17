// `npm run demo -- --headless`, as a new user runs it: within 30 seconds every demo account is
// online and has notified, and Ctrl-C (SIGTERM here) stops it all cleanly.
import { afterEach, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';

const ACCOUNTS = [
  'demo-rocketchat',
  'demo-3drepo',
  'demo-dino',
  'demo-kuzzle',
  'demo-ntfy',
  'demo-gotify',
];
/** The promise to a new user. */
const WITHIN_MS = 30_000;

let demo: CliProcess | undefined;
afterEach(async () => {
  if (demo && demo.child.exitCode === null) {
    demo.kill('SIGKILL');
    await demo.exit();
  }
});

it('brings every demo account online and shows a notification from each', async () => {
  demo = new CliProcess(['--headless'], process.env, 'demo');
  const ready = (cli: CliProcess) => {
    const lines = cli.lines();
    return ACCOUNTS.every(
      (account) =>
        lines.some((l) => l.type === 'status' && l.account === account && l.state === 'online') &&
        lines.some((l) => l.type === 'notification' && l.account === account),
    );
  };
  await demo.waitFor(ready, WITHIN_MS);

  const first = (account: string) =>
    demo!.lines().find((l) => l.type === 'notification' && l.account === account)!;
  expect(first('demo-rocketchat')).toMatchObject({ title: 'bob in #general' });
  expect(first('demo-3drepo')).toMatchObject({ body: 'New revision v3 by bob' });
  expect(first('demo-dino')).toMatchObject({ title: 'maria in #Weekend hiking' });
  expect(first('demo-kuzzle')).toMatchObject({
    title: expect.stringMatching(/^New order from /),
    body: expect.stringMatching(/^\d items?, \d+\.\d\d EUR \(order \d+\)$/),
  });
  expect(first('demo-ntfy')).toMatchObject({ title: '✅ Build 41', body: 'all 312 tests passed' });
  expect(first('demo-gotify')).toMatchObject({
    title: 'Front door',
    body: 'opened while nobody is home',
  });

  demo.kill('SIGTERM');
  expect((await demo.exit()).code).toBe(0);
}, 60_000);
