// "Sign in with browser" for 3D Repo in the built app on the Electron stand-in: the sign-in
// window opens on a partition of its own, refuses every permission a page asks for, takes the
// session cookie the server sets when the user logs in, and closes; the account then connects
// with that cookie.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';
import { launchApp, eventually, settingsWindow, type StandinApp } from '../support/standin-app.js';

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'fullscreen',
  'openExternal',
  'pointerLock',
  'midiSysex',
  'idle-detection',
  'window-management',
];

let server: ThreeDRepoServer;
let app: StandinApp;
let dataDir: string;

beforeAll(async () => {
  server = await startThreeDRepoServer({
    users: [{ username: 'alice', password: 'pw' }],
    loginMode: 'password',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'tidings-data-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      accounts: [{ id: 'models', type: '3drepo', name: 'Models', server: server.url }],
    }),
  );
  app = await launchApp({ dataDir });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('signing in to 3D Repo in a browser window', () => {
  it('opens on its own partition, refuses every permission, keeps the session cookie and closes', async () => {
    await app.waitFor((e) => e.event === 'tray');
    await app.clickTray('Settings…');
    const settings = await app.settingsPage();
    await settings.getByRole('button', { name: 'Edit Models', exact: true }).click();
    const editor = settings.getByRole('dialog', { name: 'Edit Models' });
    await editor.getByRole('button', { name: 'Sign in with browser' }).click();

    const opened = await app.waitFor(
      (e) => e.event === 'window' && String(e.partition).startsWith('tidings-sign-in-'),
    );
    expect(opened.partition).not.toBe('');
    for (const permission of PERMISSIONS) {
      const answer = (await app.command('requestPermission', {
        windowId: opened.id,
        permission,
      })) as { granted: boolean; checked: boolean };
      expect({ permission, ...answer }).toEqual({ permission, granted: false, checked: false });
    }

    // The user logs in on the server's page, whose script posts the form.
    const signIn = await app.pageAt(server.url);
    await signIn.evaluate(async () => {
      const answer = await fetch('/v5/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'alice', password: 'pw' }),
      });
      if (!answer.ok) throw new Error(`login answered ${answer.status}`);
    });

    await app.waitFor((e) => e.event === 'window' && e.id === opened.id && e.destroyed === true);
    await editor.getByText('Signed in: the session is kept in your keyring.').waitFor();
    await eventually(() => expect(app.trayText()).toContain('Models: online'), 15_000);
    // The cookie is in the secure store, encrypted; the settings file only says it is stored.
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('connect.sid');
    const secrets = readFileSync(join(dataDir, 'secrets.bin'));
    expect(secrets.subarray(0, 3).toString()).toBe('v11');
    expect(secrets.toString('latin1')).not.toContain('connect.sid');
    await app.screenshot(settingsWindow(app)!.id, 'sign-in-1-signed-in');
  });
});
