// The account editor's first and last steps, as a user takes them in the settings window: what
// the tests that add accounts through the form share. What goes between is each test's own.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, text } from './settings-page.js';

/** Clicks "Add account", picks the source type and names the account: the form to fill on. */
export async function openNewAccount(page: Page, type: string, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add account' }).click();
  const editor = page.getByRole('dialog', { name: 'Add an account' });
  await editor.getByRole('radio', { name: type }).check();
  await editor.getByLabel('Name', { exact: true }).fill(name);
  return editor;
}

/** Saves the form and waits until the Accounts page says account `id` is online. */
export async function saveUntilOnline(page: Page, editor: Locator, id: string): Promise<void> {
  await editor.getByRole('button', { name: 'Save account' }).click();
  await eventually(
    async () => expect(await text(page.locator(`[data-status-for="${id}"]`))).toBe('online'),
    15_000,
  );
}
