import { describe, expect, it } from 'vitest';
import { trayCanShow } from '../../app/desktop/tray-visibility.js';

const gnome = { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', XDG_DATA_DIRS: '/usr/share' };

describe('whether a tray icon can be seen', () => {
  it('is no on GNOME without an AppIndicator extension', () => {
    expect(
      trayCanShow({ platform: 'linux', env: gnome, home: '/home/a', exists: () => false }),
    ).toBe(false);
  });

  it('is yes on GNOME with the extension, system-wide or the user’s own', () => {
    for (const path of [
      '/usr/share/gnome-shell/extensions/ubuntu-appindicators@ubuntu.com',
      '/home/a/.local/share/gnome-shell/extensions/appindicatorsupport@rgcjonas.gmail.com',
    ])
      expect(
        trayCanShow({ platform: 'linux', env: gnome, home: '/home/a', exists: (p) => p === path }),
      ).toBe(true);
  });

  it('is yes on KDE, macOS and Windows', () => {
    const none = () => false;
    expect(
      trayCanShow({
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'KDE' },
        home: '/h',
        exists: none,
      }),
    ).toBe(true);
    expect(trayCanShow({ platform: 'darwin', env: {}, home: '/h', exists: none })).toBe(true);
    expect(trayCanShow({ platform: 'win32', env: gnome, home: '/h', exists: none })).toBe(true);
  });
});
