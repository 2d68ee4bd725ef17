import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builderInternals, PROJECT_DIR } from './builder-internals.js';

/**
 * electron-builder.yml as electron-builder itself reads it: its own loader, its own schema
 * validator (scheme.json), its own default dependency lists. A key it does not know fails here,
 * not on the release machine.
 */
const { getConfig, validateConfiguration, defaultDepends } = builderInternals();
const config = await getConfig(PROJECT_DIR);
const packageJson = JSON.parse(readFileSync(`${PROJECT_DIR}/package.json`, 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema as a whole', async () => {
    await expect(validateConfiguration(config)).resolves.toBeUndefined();
  });

  it('flips the fuses that harden the shipped Electron binary', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('keeps electron-builder’s default deb and rpm dependencies (a depends list replaces them)', () => {
    for (const target of ['deb', 'rpm'] as const) {
      const depends = config[target]?.depends;
      const defaults = defaultDepends(target);
      expect(defaults.length).toBeGreaterThan(0);
      if (depends != null) expect(depends).toEqual(expect.arrayContaining(defaults));
    }
    // What Tidings needs beside Electron's own: notifications and the keyring.
    const deb = config.deb?.depends ?? defaultDepends('deb');
    expect(deb).toEqual(expect.arrayContaining(['libnotify4', 'libsecret-1-0', 'libgtk-3-0']));
    const rpm = config.rpm?.depends ?? defaultDepends('rpm');
    expect(rpm).toEqual(expect.arrayContaining(['libnotify', 'libsecret', 'gtk3']));
  });

  it('installs the headless user unit with the deb and the rpm, beside an unpacked CLI', () => {
    const unit =
      'build/linux/tidings-headless.service=/usr/lib/systemd/user/tidings-headless.service';
    expect(config.deb?.fpm).toContain(unit);
    expect(config.rpm?.fpm).toContain(unit);
    expect(existsSync(`${PROJECT_DIR}/build/linux/tidings-headless.service`)).toBe(true);
    // Plain node cannot read an asar: the unit runs app.asar.unpacked/dist/app/headless/main.js.
    expect(config.linux?.asarUnpack).toEqual(['dist/app/**', 'node_modules/**']);
    expect(config.asarUnpack).toBeUndefined();
  });

  it('names a homepage and a maintainer with an email, which deb and rpm require', () => {
    expect(packageJson.homepage).toMatch(/^https:\/\//);
    expect(packageJson.author).toMatchObject({ name: expect.any(String), email: /@/ });
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('names the .desktop file after desktopName, so StartupWMClass matches the window class', () => {
    expect(packageJson.desktopName).toBe(`${config.linux?.executableName}.desktop`);
    expect(config.linux?.syncDesktopName).toBe(true);
    // electron-builder derives StartupWMClass from desktopName; an explicit one would differ.
    expect(config.linux?.desktop?.entry?.StartupWMClass).toBeUndefined();
  });

  it('builds a tar.gz beside the Linux installers', () => {
    expect(targetNames(config.linux?.target)).toEqual(
      expect.arrayContaining(['AppImage', 'deb', 'rpm', 'tar.gz']),
    );
  });

  it('builds a macOS zip beside the dmg, signed with the hardened runtime and entitlements', () => {
    expect(targetNames(config.mac?.target)).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(`${PROJECT_DIR}/${config.mac?.entitlements}`, 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
  });

  it('leaves publishing unset, so a build without an update server never checks for updates', () => {
    // A release fills it in (`-c.publish.provider=…`); see auto-update.ts for the app's side.
    expect(config.publish).toBeUndefined();
  });
});

function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((t: unknown) =>
    typeof t === 'string' ? t : String((t as { target: string }).target),
  );
}
