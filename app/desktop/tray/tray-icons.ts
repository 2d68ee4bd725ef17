import { join } from 'node:path';
import type { TrayIconState } from './tray-model.js';

/** The tray's size on Linux panels (AppIndicator and KDE draw status icons at 22 px). */
export const LINUX_TRAY_SIZE = 22;

/**
 * The image for a state, as `npm run icons` makes them. macOS gets a template image (black and
 * alpha, `…Template.png`) that the menu bar tints itself, with `@1.5x`, `@2x` and `@3x` beside it
 * that Electron picks by screen scale; Windows an .ico of 16 to 48 px (the tray picks its size);
 * Linux the 22 px PNG.
 */
export function trayIconFile(dir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(dir, `${state}Template.png`);
  if (platform === 'win32') return join(dir, `${state}.ico`);
  return join(dir, `${state}-${LINUX_TRAY_SIZE}.png`);
}

/** A notification's icon: one per source type, `build/icons/sources/<type>.png`. */
export function sourceIconFile(dir: string, type: string): string {
  return join(dir, `${type}.png`);
}
