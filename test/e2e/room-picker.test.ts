// Rooms by name in the account editor, filled from the account's own server before it is saved:
// a new Kuzzle account lists its collections (index:list, collection:list) and a new 3D Repo
// account its models (v5 REST), each ticked by name and saved as the entry the server named; a
// wrong password says why in words; a saved account's editor shows what it follows, ticked.
// Real connectors against the test servers, at 900×650 and at 200% zoom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKuzzleServer, type KuzzleTestServer } from '../servers/kuzzle/server.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';
import { openNewAccount } from '../support/account-editor.js';
import { seriousAccessibilityProblems } from '../support/axe.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';
import { eventually, shot, sidewaysOverflow, text } from '../support/settings-page.js';
import { ALICE, ALICE_PASSWORD, PROJECT, TOWER, WORLD } from '../connectors/3drepo/world.js';

let kuzzle: KuzzleTestServer;
let models: ThreeDRepoServer;

beforeAll(async () => {
  kuzzle = await startKuzzleServer({ users: { alice: 'wonderland' } });
  kuzzle.createDocument('shop', 'orders', { total: 12 });
  kuzzle.createCollection('shop', 'customers');
  kuzzle.createCollection('iot', 'sensors');
  models = await startThreeDRepoServer(WORLD);
});

afterAll(async () => {
  await kuzzle?.stop();
  await models?.stop();
});

const desktop = useSettingsWindow({
  viewport: { width: 900, height: 650 },
  expectNone: ['pageErrors'],
});

const editor = () => desktop.page.getByRole('dialog');

describe('the room picker in the account editor', () => {
  it('lists a new Kuzzle account’s collections by name; the ticked one is saved', async () => {
    const { page } = desktop;
    await openNewAccount(page, 'Kuzzle', 'Shop');
    await editor().getByLabel('Server address').fill(kuzzle.url);
    // "Connection" is left on its first choice, WebSocket, as a new user would.
    await editor().getByRole('radio', { name: 'User name and password' }).check();
    await editor().getByRole('textbox', { name: 'User name (required)' }).fill('alice');
    await editor().getByRole('textbox', { name: 'Password (required)' }).fill('wonderland');
    await editor().getByRole('button', { name: 'Find collections on the server' }).click();
    await eventually(async () =>
      expect(await text(editor().locator('.pick-status'))).toBe('3 collections on the server.'),
    );
    const picks = editor().locator('.pick');
    expect((await picks.allTextContents()).map((t) => t.trim())).toEqual([
      'sensors iot',
      'customers shop',
      'orders shop',
    ]);
    await editor().getByRole('checkbox', { name: 'orders' }).check();
    // The tick is the row under Advanced, with the ids a person could have typed.
    expect(await editor().locator('.by-id input[name="collection"]').inputValue()).toBe('orders');
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await shot(page, 'picker-1-kuzzle-collections');

    await editor().getByRole('button', { name: 'Save account' }).click();
    await eventually(async () => expect(await editor().count()).toBe(0));
    const saved = desktop.app.controller.snapshot().accounts.find((a) => a.id === 'shop');
    expect(saved?.form.subscriptions).toEqual([{ index: 'shop', collection: 'orders' }]);
  });

  it('opens a saved, online account with its followed collection ticked among the rest', async () => {
    const { page } = desktop;
    await eventually(
      async () => expect(await text(page.locator('[data-status-for="shop"]'))).toMatch(/^online/),
      15_000,
    );
    await page.getByRole('button', { name: 'Edit Shop', exact: true }).click();
    await eventually(async () =>
      expect(await text(editor().locator('.pick-status'))).toBe('3 collections on the server.'),
    );
    expect(await editor().getByRole('checkbox', { name: 'orders' }).isChecked()).toBe(true);
    expect(await editor().getByRole('checkbox', { name: 'customers' }).isChecked()).toBe(false);
    await editor().getByRole('button', { name: 'Cancel' }).click();
    // On Notifications the account lists what it follows, not all it could.
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('combobox', { name: 'Notify about, orders' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Notify about, customers' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Accounts' }).click();
  });

  it('says why in words when the typed password is wrong', async () => {
    const { page } = desktop;
    await openNewAccount(page, '3D Repo', 'Models');
    await editor().getByLabel('Server address').fill(models.url);
    await editor().getByRole('radio', { name: 'User name and password' }).check();
    await editor().getByRole('textbox', { name: 'User name (required)' }).fill(ALICE);
    await editor().getByRole('textbox', { name: 'Password (required)' }).fill('not it');
    await editor().getByRole('button', { name: 'Find models on the server' }).click();
    await eventually(async () =>
      expect(await text(editor().locator('.pick-status'))).toBe(
        'Sign-in failed: wrong user name or password',
      ),
    );
    await shot(page, 'picker-2-wrong-password');
  });

  it('lists 3D Repo models by name within teamspace › project; the ticked one is saved named', async () => {
    const { page } = desktop;
    await editor().getByRole('textbox', { name: 'Password (required)' }).fill(ALICE_PASSWORD);
    await editor().getByRole('button', { name: 'Find models on the server' }).click();
    await eventually(async () =>
      expect(await text(editor().locator('.pick-status'))).toBe(
        '2 models and projects on the server.',
      ),
    );
    expect((await editor().locator('.pick').allTextContents()).map((t) => t.trim())).toEqual([
      'Harbour (the whole project) acme',
      'Tower acme › Harbour',
    ]);
    await editor().getByRole('checkbox', { name: 'Tower' }).check();
    // 200% zoom: the same window at half the CSS pixels.
    await page.setViewportSize({ width: 450, height: 325 });
    await editor().getByRole('checkbox', { name: 'Tower' }).scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'picker-3-3drepo-models-200');
    await page.setViewportSize({ width: 900, height: 650 });
    await shot(page, 'picker-4-3drepo-models');
    await editor().getByRole('button', { name: 'Save account' }).click();
    await eventually(async () => expect(await editor().count()).toBe(0));
    const saved = desktop.app.controller.snapshot().accounts.find((a) => a.id === 'models');
    expect(saved?.form.rooms).toEqual([
      { notifications: true },
      { teamspace: 'acme', project: PROJECT, model: TOWER.model, name: 'Tower' },
    ]);
  });
});
