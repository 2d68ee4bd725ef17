// The stand-in for Electron's main-process module: what `import … from 'electron'` gives the
// app when it runs under register.js. See README.md for each API and what it follows.
import { app } from './app.ts';
import { BrowserWindow } from './browser-window.ts';
import { onCommand } from './control.ts';
import { ipcMain } from './ipc-main.ts';
import { Notification } from './notification.ts';
import { dialog, net, powerMonitor, shell } from './os-services.ts';
import { protocol } from './protocol.ts';
import { safeStorage } from './safe-storage.ts';
import { Session, session } from './session.ts';
import { Menu, MenuItem, Tray, nativeImage } from './tray.ts';

// What Electron's main process sets on `process` (api/process.md); electron-store reads `type`.
Object.assign(process, { type: 'browser', defaultApp: true });

function windowById(id: unknown): BrowserWindow {
  const window = BrowserWindow.getAllWindows().find((w) => w.id === id);
  if (!window) throw new Error(`there is no open window ${String(id)}`);
  return window;
}

onCommand('closeWindow', (command) => {
  windowById(command.windowId).close();
  return true;
});

onCommand('screenshot', async (command) => {
  const page = await windowById(command.windowId).webContents.playwrightPage();
  await page.screenshot({ path: String(command.path), fullPage: true });
  return true;
});

// A page asking for a permission, as Chromium would ask the session's handler.
onCommand('requestPermission', async (command) => {
  const window = windowById(command.windowId);
  const contents = window.webContents;
  const requestingUrl = contents.getURL();
  const permission = String(command.permission) as Parameters<
    NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>
  >[1];
  const ses = contents.session;
  const checked = ses.checkHandler
    ? ses.checkHandler(
        contents as never,
        permission as never,
        requestingUrl ? new URL(requestingUrl).origin : '',
        {
          requestingUrl,
          isMainFrame: true,
          embeddingOrigin: '',
        } as never,
      )
    : true;
  const handler = ses.requestHandler;
  // Electron: with no handler, every permission is granted.
  const granted = handler
    ? await new Promise<boolean>((resolve) =>
        handler(contents as never, permission, resolve, {
          requestingUrl,
          isMainFrame: true,
        } as never),
      )
    : true;
  return { granted, checked };
});

export {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  Session,
  shell,
  Tray,
};

export default {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
};
