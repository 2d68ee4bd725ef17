// Editing where the user is looking, and never losing an edit without asking: with four
// accounts at 900×650 the edit form opens in view with focus on its first field, and leaving a
// page with unsaved changes asks first.
import { describe, expect, it } from 'vitest';
import { startDesktop } from '../support/electron-controller.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';
import { eventually, focused, onlineConnectors, shot, text } from '../support/settings-page.js';

const desktop = useSettingsWindow({
  start: async () => {
    const app = startDesktop({ createConnector: onlineConnectors });
    for (const n of [1, 2, 3, 4])
      expect(
        await app.controller.saveAccount({
          id: `dino-${n}`,
          name: `Dino ${n}`,
          type: 'dino',
          broker: 'mqtt://127.0.0.1:1883',
          userId: String(1000 + n),
        }),
      ).toEqual({ ok: true });
    return app;
  },
  viewport: { width: 900, height: 650 },
  expectNone: ['pageErrors'],
});

describe('editing in the settings window', () => {
  it('opens the edit form of the fourth account in view, focus on its first field', async () => {
    const { page } = desktop;
    await page.getByRole('button', { name: 'Edit Dino 4', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit Dino 4' });
    await editor.waitFor();
    const box = await editor.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(650);
    const first = editor.getByLabel('Name', { exact: true });
    expect(await first.inputValue()).toBe('Dino 4');
    expect(await focused(first)).toBe(true);
    await shot(page, 'accounts-edit-dialog');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await eventually(async () => expect(await editor.count()).toBe(0));
  });

  it('asks before a tab switch throws unsaved edits away', async () => {
    const { page } = desktop;
    await page.getByRole('link', { name: 'Notifications' }).click();
    // The page saves as you go: a keyword list is saved when the field is left.
    await page.getByLabel('Keywords that count as mentions').fill('deploy, outage');
    await page.getByLabel('Play a sound').focus();
    await eventually(async () =>
      expect(desktop.app.controller.snapshot().notifications.keywords).toEqual([
        'deploy',
        'outage',
      ]),
    );
    // A change that cannot be saved stays on screen with its error; leaving asks.
    const burst = page.getByLabel('Combine a room’s messages that arrive within');
    await burst.fill('-5');
    await page.getByRole('link', { name: 'History' }).click();

    const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await ask.waitFor();
    expect(await text(page.locator('[data-error-for="coalesceMs"]'))).toBe(
      'enter a number of seconds from 0 to 600',
    );
    await shot(page, 'notifications-unsaved-changes');
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    expect(page.url()).toMatch(/#notifications$/);
    expect(await burst.inputValue()).toBe('-5');

    await page.getByRole('link', { name: 'History' }).click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { name: 'History', level: 2 }).waitFor();
    expect(page.url()).toMatch(/#history$/);
    expect(desktop.app.controller.snapshot().notifications.coalesceMs).toBe(1000);

    // Nothing changed: no question.
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('link', { name: 'General' }).click();
    await page.getByRole('heading', { name: 'General', level: 2 }).waitFor();
    expect(await text(page.locator('h2'))).toBe('General');
  });
});
