import { describe, expect, it } from 'vitest';
import { updatePolicy, type UpdateContext } from '../../app/desktop/update-policy.js';

const released: UpdateContext = { isPackaged: true, publishConfigured: true, platform: 'win32' };

describe('updatePolicy', () => {
  it('never checks from a checkout, even with an update server named', () => {
    expect(updatePolicy({ ...released, isPackaged: false })).toEqual({
      check: false,
      reason: 'not a packaged build',
    });
  });

  it('never checks when the build names no update server', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const)
      expect(
        updatePolicy({ ...released, platform, publishConfigured: false, appImage: '/x.AppImage' }),
      ).toMatchObject({ check: false, reason: expect.stringContaining('no update server') });
  });

  it('checks on Windows (NSIS) and macOS (zip) releases', () => {
    expect(updatePolicy(released)).toEqual({ check: true, via: 'nsis' });
    expect(updatePolicy({ ...released, platform: 'darwin' })).toEqual({ check: true, via: 'zip' });
  });

  it('checks on Linux only where the copy can replace itself: AppImage, deb, rpm, pacman', () => {
    const linux = { ...released, platform: 'linux' as const };
    expect(updatePolicy({ ...linux, appImage: '/home/a/Tidings.AppImage' })).toEqual({
      check: true,
      via: 'AppImage',
    });
    for (const packageType of ['deb', 'rpm', 'pacman'])
      expect(updatePolicy({ ...linux, packageType })).toEqual({ check: true, via: packageType });
    expect(updatePolicy(linux)).toMatchObject({ check: false, reason: /tar\.gz/ });
    expect(updatePolicy({ ...linux, packageType: 'snap' })).toMatchObject({ check: false });
  });

  it('does not check where there is no updater at all', () => {
    expect(updatePolicy({ ...released, platform: 'freebsd' })).toEqual({
      check: false,
      reason: 'no updater for freebsd',
    });
  });
});
