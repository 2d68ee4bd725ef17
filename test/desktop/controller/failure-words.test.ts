// What the window says of an account whose server cannot be reached, through the controller with
// the real connectors: the status and "Test connection" in words that name the server, the raw
// error one line away under the connection details.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startDesktop, type DesktopHarness } from '../../support/electron-controller.js';

let app: DesktopHarness | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

it('an unreachable server: the status and Test connection say so in words, the raw error in the details', async () => {
  const port = await closedPort();
  app = startDesktop();
  const form = {
    id: 'alerts',
    name: 'Alerts',
    type: 'ntfy' as const,
    server: `http://127.0.0.1:${port}`,
    topics: ['ci'],
  };
  expect(await app.controller.saveAccount(form)).toEqual({ ok: true });
  const view = () => app!.controller.snapshot().accounts[0];
  for (let tries = 0; view()?.state !== 'reconnecting' && tries < 200; tries++)
    await new Promise((resolve) => setTimeout(resolve, 25));

  const words = `Can't reach 127.0.0.1: nothing answers on port ${port}`;
  expect(view()?.statusText).toMatch(new RegExp(`^reconnecting in \\d+ s \\(${words}\\)$`));
  expect(view()?.statusText).not.toContain('ECONNREFUSED');
  expect(view()?.details?.['Technical detail']).toContain(`ECONNREFUSED 127.0.0.1:${port}`);

  expect(
    await app.controller.testConnection({ ...form, name: 'Alerts, renamed' }, 'alerts'),
  ).toEqual({
    ok: false,
    message: `${words}.`,
  });
  expect(app.readFile('tidings.log')).toContain('ECONNREFUSED');
});
