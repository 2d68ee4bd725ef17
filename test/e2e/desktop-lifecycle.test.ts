// The built desktop app on the Electron stand-in, through what happens around it: a second
// launch with a link, the machine sleeping and waking, a settings file that cannot be read.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { connectPublisher } from '../connectors/dino/publisher.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { startNotificationDaemon } from '../support/notification-daemon.js';
import { eventually, launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataFolder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-data-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function launch(...args: Parameters<typeof launchApp>): Promise<StandinApp> {
  const app = await launchApp(...args);
  cleanups.push(() => app.stop());
  return app;
}

const openWindow = (app: StandinApp) =>
  app.waitFor((e) => e.event === 'window' && e.visible === true && e.url !== '');

function dinoSettings(broker: Mosquitto, users: string[]): string {
  return JSON.stringify({
    version: 1,
    accounts: users.map((user) => ({
      id: `dino-${user}`,
      type: 'dino',
      name: `Dino ${user}`,
      broker: broker.url,
      userId: user,
      environment: 'test',
      auth: { username: user, password: broker.passwordFor(user) },
    })),
  });
}

describe('the desktop app around its own lifetime', () => {
  it('opens History in the running instance when a second launch carries tidings://settings/history; the second exits', async () => {
    const dataDir = dataFolder();
    const first = await launch({ dataDir });
    await openWindow(first);
    const page = await first.settingsPage();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();

    const second = await launch({ dataDir, args: ['tidings://settings/history'] });
    expect(await second.exited).toBe(0);
    expect(second.events.find((e) => e.event === 'single-instance-lock')?.granted).toBe(false);
    // The second never became ready: no Chromium, no window of its own.
    expect(second.events.some((e) => e.event === 'ready')).toBe(false);

    await page.getByRole('heading', { name: 'History', level: 2 }).waitFor();
    expect(first.windows()).toHaveLength(1);
    const window = settingsWindow(first)!;
    await first.screenshot(window.id, 'lifecycle-1-history-from-link');
  });

  it('reconnects every account when the machine wakes, and shows what came while it slept once', async () => {
    const users = ['1101', '1102'];
    const broker = await startMosquitto({ users });
    cleanups.push(() => broker.dispose());
    const publisher = await connectPublisher(broker);
    cleanups.push(() => publisher.close());
    const daemon = await startNotificationDaemon();
    cleanups.push(() => daemon.stop());
    const app = await launch({
      dataDir: dataFolder({ 'settings.json': dinoSettings(broker, users) }),
      env: daemon.env,
    });
    await eventually(() => {
      for (const user of users) expect(app.trayText()).toContain(`Dino ${user}: online`);
    }, 15_000);
    const connections = (user: string) =>
      broker.output().match(new RegExp(`New client connected .* as tidings_${user}_`, 'g'))
        ?.length ?? 0;
    expect(users.map(connections)).toEqual([1, 1]);

    // The machine sleeps: the process stops; messages come meanwhile.
    app.child.kill('SIGSTOP');
    for (const user of users)
      await publisher.publish(
        broker.topicFor(user),
        relayedMessage({
          groupId: `7a0c1a8e-0000-4000-8000-00000000${user}`,
          groupName: 'Night shift',
          sender: '2001',
          senderName: 'dave',
          messageId: `while-asleep-${user}`,
          text: `for ${user} while you slept`,
        }),
      );
    app.child.kill('SIGCONT');
    await app.command('power', { event: 'resume' });

    await eventually(() => expect(users.map(connections)).toEqual([2, 2]), 15_000);
    await eventually(() => {
      for (const user of users) expect(app.trayText()).toContain(`Dino ${user}: online`);
    }, 15_000);
    for (const user of users) await daemon.waitFor((n) => n.body === `for ${user} while you slept`);
    const shown = (await daemon.received()).filter((n) => n.body.includes('while you slept'));
    expect(shown.map((n) => n.body).sort()).toEqual(users.map((u) => `for ${u} while you slept`));

    await app.clickTray('Settings…');
    const page = await app.settingsPage();
    for (const user of users) await page.getByText(`Dino ${user}`).waitFor();
    await app.screenshot(settingsWindow(app)!.id, 'lifecycle-3-after-resume');
  });

  it('starts after a crash: the single-instance lock the dead process left is taken over', async () => {
    const dataDir = dataFolder();
    const crashed = await launch({ dataDir });
    await crashed.waitFor((e) => e.event === 'ready');
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(readdirSync(dataDir)).toContain('SingletonLock');

    const next = await launch({ dataDir });
    expect((await next.waitFor((e) => e.event === 'single-instance-lock')).granted).toBe(true);
    await openWindow(next);
    const page = await next.settingsPage();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();
  });

  it('exports the settings to the file chosen in the save dialog, without secrets unless asked', async () => {
    const broker = await startMosquitto({ users: ['1201'] });
    cleanups.push(() => broker.dispose());
    const dataDir = dataFolder({ 'settings.json': dinoSettings(broker, ['1201']) });
    const app = await launch({ dataDir });
    await app.waitFor((e) => e.event === 'tray');
    await app.clickTray('Settings…');
    const page = await app.settingsPage();
    await page.getByRole('link', { name: 'General' }).click();

    const target = join(dataDir, 'exported.json');
    await app.command('scriptDialog', { kind: 'save', filePath: target });
    await page.getByRole('button', { name: 'Export settings…' }).click();
    const dialog = await app.waitFor((e) => e.event === 'dialog');
    expect(dialog).toMatchObject({
      kind: 'save',
      options: { defaultPath: 'tidings-settings.json' },
    });
    await eventually(() => expect(readdirSync(dataDir)).toContain('exported.json'));
    const exported = JSON.parse(readFileSync(target, 'utf8')) as { accounts: { id: string }[] };
    expect(exported.accounts.map((a) => a.id)).toEqual(['dino-1201']);
    expect(readFileSync(target, 'utf8')).not.toContain(broker.passwordFor('1201'));
    await app.screenshot(settingsWindow(app)!.id, 'lifecycle-4-exported');
  });

  it('opens the window and says so when settings.json cannot be read; the file is set aside, never overwritten', async () => {
    const broken = '{ "version": 1, "accounts": [ { "id": "dino", ';
    const dataDir = dataFolder({ 'settings.json': broken });
    const app = await launch({ dataDir });
    await openWindow(app);
    const page = await app.settingsPage();
    // Where the mistake is, as an editor counts it; the file ends in the middle of an object.
    await page
      .getByText(`The settings file has a mistake on line 1, column ${broken.length + 1}`, {
        exact: false,
      })
      .waitFor();
    const window = settingsWindow(app)!;
    await app.screenshot(window.id, 'lifecycle-2-unreadable-settings');

    const aside = readdirSync(dataDir).filter((name) =>
      /^settings\.unreadable-.*\.json$/.test(name),
    );
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toBe(broken);
    expect(await page.getByText(aside[0]!, { exact: false }).count()).toBeGreaterThan(0);

    // A save afterwards writes a new settings.json and leaves the set-aside file as it was.
    await page.getByRole('link', { name: 'Notifications' }).click();
    // The page saves as you go: one change writes the file.
    await page.getByLabel('Play a sound').uncheck();
    await eventually(() => expect(readdirSync(dataDir)).toContain('settings.json'));
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toBe(broken);
  });
});
