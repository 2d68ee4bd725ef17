// The settings window of the built app on the Electron stand-in, from the page's side: it gets
// exactly the preload's contract and nothing of Node or Electron, its calls reach main through
// main's own checks, and it can neither navigate away nor open a window.
import { afterEach, describe, expect, it } from 'vitest';
import { METHODS } from '../../app/ipc/requests.js';
import { launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';

let app: StandinApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('the settings window', () => {
  it('sees only the contract, calls main through its checks, and cannot leave or open windows', async () => {
    app = await launchApp();
    const page = await app.settingsPage();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();

    const world = await page.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        ipcRenderer: typeof scope.ipcRenderer,
        internals: Object.getOwnPropertyNames(window).filter((n) => /standin|electron/i.test(n)),
        api: Object.keys(scope.tidings as object).sort(),
        frozen: Object.isFrozen(scope.tidings),
      };
    });
    expect(world).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      internals: [],
      api: [...METHODS, 'onPage', 'onSnapshot'].sort(),
      frozen: true,
    });

    // A malformed request is refused by main's validation, in Electron's words.
    const refused = await page.evaluate(() =>
      (window as unknown as { tidings: { saveAccount(r: unknown): Promise<unknown> } }).tidings
        .saveAccount({ nonsense: true })
        .then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
    );
    expect(refused).toMatch(
      /^Error invoking remote method 'tidings:saveAccount': IpcRefused: invalid saveAccount request/,
    );

    await page.evaluate(() => {
      location.href = 'https://example.com/elsewhere';
    });
    const navigation = await app.waitFor((e) => e.event === 'will-navigate');
    expect(navigation).toMatchObject({ url: 'https://example.com/elsewhere', prevented: true });

    await page.evaluate(() => void window.open('https://example.com/popup'));
    const popup = await app.waitFor((e) => e.event === 'window-open');
    expect(popup).toMatchObject({ url: 'https://example.com/popup', allowed: false });

    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();
    expect(app.windows()).toHaveLength(1);
    expect(settingsWindow(app)?.url).toBe('tidings-ui://settings/index.html#accounts');
    await app.screenshot(settingsWindow(app)!.id, 'window-1-after-escape-attempts');
  });

  it('closes without quitting the app, and opens again from the tray', async () => {
    app = await launchApp();
    await app.settingsPage();
    const first = settingsWindow(app)!;
    await app.command('closeWindow', { windowId: first.id });
    await app.waitFor((e) => e.event === 'window' && e.id === first.id && e.destroyed === true);
    expect(app.windows()).toEqual([]);
    expect(app.tray()?.destroyed).toBe(false);

    await app.clickTray('Settings…');
    await app.waitFor(
      (e) => e.event === 'window' && e.id !== first.id && e.visible === true && e.url !== '',
    );
    const page = await app.settingsPage();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();
    expect(settingsWindow(app)!.id).not.toBe(first.id);
    expect(app.child.exitCode).toBe(null);
    // Closed while it loaded: its load is cut short, and nothing is left unhandled.
    expect(app.events.filter((e) => e.event === 'unhandled-rejection')).toEqual([]);
  });

  it('says so when secrets are protected by a fixed key only (the basic_text backend)', async () => {
    app = await launchApp({ env: { TIDINGS_STANDIN_SAFE_STORAGE: 'basic_text' } });
    const page = await app.settingsPage();
    await page
      .getByText('Your passwords and tokens are stored unencrypted, because no keyring was found', {
        exact: false,
      })
      .waitFor();
    // Electron's word for it only under the banner's Details.
    await page.locator('#warning summary', { hasText: 'Details' }).click();
    await page.getByText('basic_text backend', { exact: false }).waitFor();
    await app.screenshot(settingsWindow(app)!.id, 'window-2-basic-text-warning');
  });
});
