import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BASIC_TEXT_DETAIL, BASIC_TEXT_WARNING } from '../../app/desktop/storage/secret-vault.js';
import { electronDouble } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { leakyConnectors } from './leaky-connector.js';

const RIGHT = 'correct-horse-battery';
const WRONG = 'hunter2-wrong-pass';

let app: DesktopHarness | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const dinoForm = (password: string) => ({
  id: 'dino',
  type: 'dino' as const,
  name: 'Dino chat',
  broker: 'mqtt://127.0.0.1:1883',
  userId: '1234',
  auth: { username: '1234', password },
});

/** Every file the app wrote in its data folder, as text. */
function everyFile(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('secrets', () => {
  it('never appear in the settings file, the secrets file or the log', async () => {
    const connectors = leakyConnectors(RIGHT);
    app = startDesktop({ createConnector: connectors.factory, supportedTypes: ['dino'] });
    const { controller } = app;

    expect(await controller.saveAccount(dinoForm(WRONG))).toEqual({ ok: true });
    await vi.waitFor(() =>
      expect(controller.snapshot().accounts[0]?.statusText).toBe(
        'sign-in failed: server refused password "[secret]"',
      ),
    );
    // The window edits the account with the password left empty: the stored one is kept.
    expect(controller.snapshot().accounts[0]?.form.auth).toEqual({
      username: '1234',
      password: '',
    });
    expect(controller.snapshot().accounts[0]?.storedSecrets).toEqual(['auth.password']);
    expect(await controller.saveAccount(dinoForm(''), 'dino')).toEqual({ ok: true });
    await vi.waitFor(() => expect(connectors.passwords.get('dino')).toBe(WRONG));
    // Then the user types the right one.
    expect(await controller.saveAccount(dinoForm(RIGHT), 'dino')).toEqual({ ok: true });
    await vi.waitFor(() => expect(controller.snapshot().accounts[0]?.statusText).toBe('online'));

    const settings = JSON.parse(app.readFile('settings.json'));
    expect(settings.accounts[0].auth).toEqual({
      username: '1234',
      password: '(in the secure store)',
    });
    const log = readFileSync(app.logFile, 'utf8');
    expect(log).toContain('server refused password \\"[secret]\\"');
    expect(log).toContain('"password":"[secret]"');
    const written = everyFile(app.dir);
    expect(written).not.toContain(RIGHT);
    expect(written).not.toContain(WRONG);
    expect(app.log.tail().join('\n')).not.toContain(RIGHT);
  });

  it('survive a restart in the encrypted file', async () => {
    const connectors = leakyConnectors(RIGHT);
    app = startDesktop({ createConnector: connectors.factory, supportedTypes: ['dino'] });
    await app.controller.saveAccount(dinoForm(RIGHT));
    // Quit as main.ts does: the controller, then the state database (its last commit). Left
    // open, this turn's write transaction would hold the file while the next start waits for it
    // on the same thread.
    await app.controller.stop();
    app.state.close();

    const again = startDesktop({
      createConnector: connectors.factory,
      supportedTypes: ['dino'],
      dir: app.dir,
    });
    connectors.passwords.clear();
    await vi.waitFor(() =>
      expect(again.controller.snapshot().accounts[0]?.statusText).toBe('online'),
    );
    expect(connectors.passwords.get('dino')).toBe(RIGHT);
    await again.controller.stop();
    again.state.close();
  });

  it('the window says where they are, and warns when Linux keeps them with basic_text', () => {
    app = startDesktop({ supportedTypes: ['dino'] });
    expect(app.controller.snapshot().secrets).toEqual({
      protected: true,
      store: 'your desktop keyring (GNOME Keyring)',
    });
    electronDouble.storageBackend = 'basic_text';
    expect(app.controller.snapshot().secrets).toEqual({
      protected: false,
      store: 'not protected: no keyring found',
      warning: BASIC_TEXT_WARNING,
      detail: BASIC_TEXT_DETAIL,
    });
    // What it means and what to do in the banner; Electron's backend name only in its details.
    expect(BASIC_TEXT_WARNING).toMatch(
      /^Your passwords and tokens are stored unencrypted, because no keyring was found/,
    );
    expect(BASIC_TEXT_WARNING).toMatch(/Install GNOME Keyring \(gnome-keyring\) or KWallet/);
    expect(BASIC_TEXT_WARNING).not.toContain('basic_text');
    expect(BASIC_TEXT_DETAIL).toContain('basic_text');
  });

  it('are left out of an export unless asked, as env references headless mode reads', async () => {
    const connectors = leakyConnectors(RIGHT);
    app = startDesktop({ createConnector: connectors.factory, supportedTypes: ['dino'] });
    await app.controller.saveAccount(dinoForm(RIGHT));
    const { exportSettings } = await import('../../app/desktop/settings-transfer.js');

    expect(await exportSettings(app.controller, false)).toMatchObject({ ok: true });
    const exported = app.readFile('transfer.json');
    expect(exported).not.toContain(RIGHT);
    expect(JSON.parse(exported).accounts[0].auth.password).toEqual({
      env: 'TIDINGS_DINO_PASSWORD',
    });

    expect(await exportSettings(app.controller, true)).toMatchObject({
      ok: true,
      message: expect.stringContaining('secrets included'),
    });
    expect(JSON.parse(app.readFile('transfer.json')).accounts[0].auth.password).toBe(RIGHT);
  });
});
