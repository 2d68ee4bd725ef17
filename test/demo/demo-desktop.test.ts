// `npm run demo` without --headless runs the desktop app (here the built one on the Electron
// stand-in, as Electron's binary cannot run on this machine) and says, in one plain line on
// stderr, when every demo account is online there: it follows the app's log file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';

const ONLINE =
  'demo: every account is online: demo-rocketchat, demo-3drepo, demo-dino, demo-kuzzle';
/** The promise to a new user. */
const WITHIN_MS = 30_000;

let daemon: NotificationDaemon;
let demo: CliProcess | undefined;
beforeAll(async () => {
  daemon = await startNotificationDaemon();
});
afterAll(async () => {
  if (demo && demo.child.exitCode === null) {
    demo.kill('SIGKILL');
    await demo.exit();
  }
  await daemon?.stop();
});

it('says when every account of the desktop app is online, as the headless demo does', async () => {
  demo = new CliProcess(
    [],
    {
      ...process.env,
      ...daemon.env,
      TIDINGS_DEMO_DESKTOP: `${process.execPath} --import ./test/electron-standin/register.js dist/app/desktop/main.js`,
    },
    'demo',
  );
  await demo.waitFor((cli) => cli.stderr.includes(ONLINE), WITHIN_MS);
  expect(demo.stderr).not.toContain('not online after');
  demo.kill('SIGTERM');
  expect((await demo.exit()).code).toBe(0);
}, 60_000);
