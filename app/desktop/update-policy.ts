/** In Electron's resources folder: written by electron-builder, read by electron-updater. */
export const UPDATE_CONFIG_FILE = 'app-update.yml';
export const PACKAGE_TYPE_FILE = 'package-type';

/** What decides whether this copy of Tidings looks for updates. */
export interface UpdateContext {
  /** Electron's `app.isPackaged`: false when run from a checkout. */
  isPackaged: boolean;
  /**
   * `resources/app-update.yml` exists: electron-builder writes it only when a release names its
   * update server (`publish`); without it electron-updater has nowhere to look.
   */
  publishConfigured: boolean;
  platform: NodeJS.Platform;
  /** `$APPIMAGE`, set by the AppImage runtime to the running image's path. */
  appImage?: string | undefined;
  /** `resources/package-type`, which electron-builder's deb, rpm and pacman targets write. */
  packageType?: string | undefined;
}

export type UpdateDecision = { check: true; via: string } | { check: false; reason: string };

/** The Linux packages electron-updater can replace itself (through pkexec, asking the user). */
const LINUX_PACKAGES = new Set(['deb', 'rpm', 'pacman']);

/**
 * Whether to check for updates, and how the update would be installed. Every "no" has a
 * reason, logged once at info level: an unconfigured build is normal, not an error.
 */
export function updatePolicy(context: UpdateContext): UpdateDecision {
  if (!context.isPackaged) return { check: false, reason: 'not a packaged build' };
  if (!context.publishConfigured)
    return { check: false, reason: 'this build names no update server (no app-update.yml)' };
  switch (context.platform) {
    case 'darwin':
      return { check: true, via: 'zip' };
    case 'win32':
      return { check: true, via: 'nsis' };
    case 'linux':
      if (context.appImage) return { check: true, via: 'AppImage' };
      if (context.packageType && LINUX_PACKAGES.has(context.packageType))
        return { check: true, via: context.packageType };
      return {
        check: false,
        reason:
          'a tar.gz or unpacked copy cannot replace itself; update it the way it was installed',
      };
    default:
      return { check: false, reason: `no updater for ${context.platform}` };
  }
}
