import { app } from 'electron';
import { HIDDEN_FLAG, linuxAutostart } from './autostart.js';

/**
 * Start at login: the OS's login items on macOS and Windows, an XDG autostart entry on Linux
 * (an AppImage starts from $APPIMAGE, not from the mount that vanishes when it exits).
 */
export function loginItem(platform: NodeJS.Platform = process.platform) {
  if (platform === 'linux') {
    const command = process.env.APPIMAGE
      ? [process.env.APPIMAGE]
      : app.isPackaged
        ? [process.execPath]
        : [process.execPath, app.getAppPath()];
    return linuxAutostart(command);
  }
  return {
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
    setEnabled: (enabled: boolean) =>
      app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] }),
  };
}
