// The built desktop app on the Electron stand-in, launched with --import-settings (what the demo
// does): the tray a user sees first must already be the imported one, never the empty first-run
// menu that the import replaces a moment later.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, launchApp, type StandinApp } from '../support/standin-app.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function settingsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-import-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'settings.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      accounts: [
        {
          id: 'imported',
          type: 'dino',
          name: 'Imported Dino',
          // Nothing listens there: the account only has to be listed, not online.
          broker: 'mqtt://127.0.0.1:1',
          userId: 'alice',
          environment: 'test',
          auth: { username: 'alice', password: 'secret' },
        },
      ],
    }),
  );
  return file;
}

describe('the desktop app launched with --import-settings', () => {
  it('shows the imported account in its very first tray menu, never the first-run "Add an account…"', async () => {
    const app: StandinApp = await launchApp({ args: [`--import-settings=${settingsFile()}`] });
    cleanups.push(() => app.stop());

    await eventually(() => expect(app.trayText()).toContain('Imported Dino'));
    const menus = app.events.filter((e) => e.event === 'tray').map((e) => e.menu as string[]);
    const firstWithMenu = menus.find((menu) => menu.length > 0);
    expect(firstWithMenu?.join('\n')).toContain('Imported Dino');
    for (const menu of menus) expect(menu.join('\n')).not.toContain('Add an account');
  });
});
