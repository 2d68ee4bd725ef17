// The accounts part of the controller: removing with or without history, 3D Repo's browser
// sign-in before the account is first saved, and the words a failed sign-in is shown in.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../app/core/clock.js';
import { ConnectorError, type ConnectorFactory } from '../../../app/core/connector.js';
import { startDesktop, type DesktopHarness } from '../../support/electron-controller.js';
import { ScriptedConnector } from '../../support/scripted-connector.js';
import { settle } from '../../support/settle.js';

let app: DesktopHarness | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const dino = {
  id: 'dino',
  name: 'Dino chat',
  type: 'dino' as const,
  broker: 'mqtt://127.0.0.1:1',
  userId: '1',
};

describe('removing an account', () => {
  it('keeps its history unless the user chose to delete it', async () => {
    let emit: ((title: string) => void) | undefined;
    const factory: ConnectorFactory = (account, context) => {
      emit = (title) =>
        context.emit({
          id: title,
          account: account.id,
          kind: 'message-sent',
          time: Date.now(),
          room: { id: 'r1', name: 'Room', type: 'group' },
          title,
          body: title,
        } as never);
      return new ScriptedConnector(systemClock).factory(account, context);
    };
    app = startDesktop({ createConnector: factory });
    await app.controller.saveAccount(dino);
    await settle();
    emit?.('hello');
    await settle();
    expect(app.controller.listHistory({ account: 'dino' }).entries).toHaveLength(1);

    expect(await app.controller.removeAccount('dino')).toEqual({
      ok: true,
      message: 'Removed Dino chat; its history stays.',
    });
    expect(app.controller.listHistory({ account: 'dino' }).entries).toHaveLength(1);

    await app.controller.saveAccount(dino);
    expect(await app.controller.removeAccount('dino', true)).toEqual({
      ok: true,
      message: 'Removed Dino chat and 1 event of its history.',
    });
    expect(app.controller.listHistory({ account: 'dino' }).entries).toEqual([]);
  });
});

describe('3D Repo sign-in with the browser', () => {
  it('signs in before the account is saved; the save keeps the session in the keyring', async () => {
    const asked: string[] = [];
    app = startDesktop({
      createConnector: (account, context) =>
        new ScriptedConnector(systemClock).factory(account, context),
      browserSignIn: (server) => {
        asked.push(server);
        return Promise.resolve('connect.sid=from-browser');
      },
    });
    expect(await app.controller.signInWithBrowser(undefined, 'https://3d.example.com/')).toEqual({
      ok: true,
      message: 'Signed in. Save the account to keep the session.',
    });
    expect(asked).toEqual(['https://3d.example.com']);
    const saved = await app.controller.saveAccount({
      id: 'models',
      type: '3drepo',
      server: 'https://3d.example.com',
      auth: { cookie: '' },
    });
    expect(saved).toEqual({ ok: true });
    expect(app.controller.accountsWithSecrets().secretsOf('models')).toEqual({
      'auth.cookie': 'connect.sid=from-browser',
    });
    expect(app.readFile('settings.json')).not.toContain('from-browser');
  });

  it('says what to do without a server address', async () => {
    app = startDesktop({ browserSignIn: () => Promise.resolve('x') });
    expect(await app.controller.signInWithBrowser(undefined, '')).toEqual({
      ok: false,
      message: 'Enter the server address first, e.g. https://www.3drepo.io',
    });
  });
});

describe('a failed sign-in', () => {
  it('is said in plain words, the server’s own text in the details', async () => {
    app = startDesktop({
      createConnector: (account, context) =>
        new ScriptedConnector(
          systemClock,
          [],
          new ConnectorError('auth', 'User not found'),
        ).factory(account, context),
    });
    await app.controller.saveAccount(dino);
    await settle();
    const [view] = app.controller.snapshot().accounts;
    expect(view?.statusText).toBe('sign-in failed: wrong user name or password');
    expect(view?.details).toEqual({ 'The server said': 'User not found' });
  });

  it('takes a two-factor code only where the account uses them', async () => {
    app = startDesktop({
      createConnector: (account, context) =>
        new ScriptedConnector(systemClock).factory(account, context),
    });
    await app.controller.saveAccount(dino);
    expect(app.controller.accounts.sendTwoFactorCode('dino', '123456')).toEqual({
      ok: false,
      message: 'This account does not use two-factor codes.',
    });
  });
});
