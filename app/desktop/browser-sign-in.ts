import { BrowserWindow, session } from 'electron';
import { randomUUID } from 'node:crypto';
import { ConnectorError } from '../core/connector.js';
import { SESSION_COOKIE, sessionCookieHeader } from './session-cookies.js';
import { denyPermissions } from './settings-window.js';

export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/**
 * "Sign in with browser" for 3D Repo (its SSO has no password API): the server's own login page
 * in a window with a session of its own, in memory only. When the server has accepted the login
 * (`GET /v5/login` answers 200 with the new `connect.sid`), its cookies are taken and the window
 * and its session are thrown away.
 */
export function signInWithBrowser(server: string): Promise<string> {
  const partition = `tidings-sign-in-${randomUUID()}`;
  const ses = session.fromPartition(partition, { cache: false });
  // A login page has no business with the camera, notifications or the clipboard.
  denyPermissions(ses);
  const window = new BrowserWindow({
    width: 900,
    height: 760,
    title: 'Sign in to 3D Repo',
    autoHideMenuBar: true,
    webPreferences: { partition, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  // SSO pages open their steps in the same window; nothing may open a window of its own.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void window.loadURL(url);
    return { action: 'deny' };
  });
  const base = server.replace(/\/+$/, '');

  return new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (result: { cookie: string } | { error: Error }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ses.cookies.removeListener('changed', changed);
      if (!window.isDestroyed()) window.destroy();
      void ses.clearStorageData();
      if ('cookie' in result) resolve(result.cookie);
      else reject(result.error);
    };
    const timer = setTimeout(
      () => finish({ error: new ConnectorError('auth', 'sign-in took too long') }),
      SIGN_IN_TIMEOUT_MS,
    );
    const check = async () => {
      const header = sessionCookieHeader(await ses.cookies.get({ url: base }));
      if (!header) return;
      const answer = await ses.fetch(`${base}/v5/login`).catch(() => undefined);
      if (answer?.ok) finish({ cookie: header });
    };
    const changed = (
      _event: unknown,
      cookie: Electron.Cookie,
      _cause: string,
      removed: boolean,
    ) => {
      if (!removed && cookie.name === SESSION_COOKIE) void check();
    };
    ses.cookies.on('changed', changed);
    window.on('closed', () =>
      finish({ error: new ConnectorError('auth', 'the sign-in window was closed') }),
    );
    // A page that fails to load shows Chromium's error page; the user can retry or close it.
    window.loadURL(base).catch(() => {});
  });
}
