import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controllerHandlers } from '../../app/desktop/ipc/handlers.js';
import { registerIpc } from '../../app/desktop/ipc/register.js';
import { UI_ORIGIN, uiUrl } from '../../app/desktop/ui-files.js';
import { channelOf } from '../../app/ipc/contract.js';
import { ipcMain, type FakeIpcEvent } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';

const WINDOW_ID = 7;
let app: DesktopHarness;
let windowOpen: boolean;
let unregister: () => void;

beforeEach(() => {
  app = startDesktop({ supportedTypes: ['dino'] });
  windowOpen = true;
  unregister = registerIpc({
    handlers: controllerHandlers(app.controller),
    log: app.log,
    window: () => (windowOpen ? { webContentsId: WINDOW_ID, origin: UI_ORIGIN } : undefined),
  });
});
afterEach(async () => {
  unregister();
  await app.stop();
});

const settingsPage: FakeIpcEvent = {
  sender: { id: WINDOW_ID },
  senderFrame: { url: uiUrl('accounts') },
};
const call = (method: string, payload: unknown, sender = settingsPage) =>
  ipcMain.invoke(`tidings:${method}`, sender, payload);

describe('IPC from the settings window', () => {
  it('answers the settings page', async () => {
    const snapshot = await call('getSnapshot', {});
    expect(snapshot).toMatchObject({ accounts: [], supportedTypes: ['dino'], paused: false });
  });

  it('registers one handler per method of the contract and removes them all', () => {
    expect(ipcMain.handlers.has(channelOf('saveAccount'))).toBe(true);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    unregister = () => {};
  });

  it.each([
    [
      'another webContents',
      { sender: { id: WINDOW_ID + 1 }, senderFrame: { url: uiUrl() } },
      /the sender is not the settings window/,
    ],
    [
      'a frame from the web',
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/x' } },
      /not the settings page \(https:\/\/evil.example\)/,
    ],
    [
      'a frame without a URL',
      { sender: { id: WINDOW_ID }, senderFrame: null },
      /the sending frame has no URL/,
    ],
  ])('refuses %s, and logs it', async (_what, sender, reason) => {
    await expect(call('setDnd', { choice: 'until-off' }, sender)).rejects.toThrow(reason);
    expect(app.controller.snapshot().dnd.active).toBe(false);
    expect(app.log.tail().join('\n')).toMatch(/IPC refused: unknown sender/);
  });

  it('refuses everyone while no settings window is open', async () => {
    windowOpen = false;
    await expect(call('getSnapshot', {})).rejects.toThrow(/no settings window is open/);
  });

  it.each([
    ['setDnd', { choice: 'forever' }, /invalid setDnd request: choice: Invalid option/],
    ['setDnd', 'until-off', /invalid setDnd request: .*expected object/i],
    [
      'accountAction',
      { id: 'dino', action: 'delete-everything' },
      /invalid accountAction request: action/,
    ],
    ['listHistory', { limit: 5, sql: 'drop table' }, /invalid listHistory request: .*"sql"/],
    [
      'saveAccount',
      { account: { id: 'x', type: 'irc' } },
      /invalid saveAccount request: account.type/,
    ],
  ])('refuses an invalid %s payload with an error', async (method, payload, error) => {
    await expect(call(method, payload)).rejects.toThrow(error);
    expect(app.controller.snapshot().dnd.active).toBe(false);
    expect(app.log.tail().join('\n')).toContain(
      `IPC refused: invalid payload {"method":"${method}"`,
    );
  });

  it('refuses a method the contract does not have', async () => {
    const { dispatch } = await import('../../app/desktop/ipc/dispatch.js');
    await expect(
      dispatch(controllerHandlers(app.controller), 'runShell', { command: 'rm -rf' }, app.log),
    ).rejects.toThrow(/unknown method "runShell"/);
  });

  it('answers a well-formed account with bad fields with errors beside those fields', async () => {
    const result = await call('saveAccount', {
      account: { id: 'dino', type: 'dino', broker: 'http://127.0.0.1', userId: '' },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'broker', message: 'expected an mqtt://, mqtts://, ws:// or wss:// URL' },
        { field: 'userId', message: 'expected a user id' },
      ],
    });
    expect(app.controller.snapshot().accounts).toEqual([]);
  });
});
