import { join } from 'node:path';
import type { TrayIconState } from './tray-model.js';

/**
 * The PNG for a state. macOS gets a template image (black and alpha, `…Template.png`) that the
 * menu bar tints itself; Electron picks the `@2x` file beside each one on HiDPI screens.
 */
export function trayIconFile(dir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  return join(dir, platform === 'darwin' ? `${state}Template.png` : `${state}.png`);
}

/** A notification's icon: one per source type, `build/sources/<type>.png`. */
export function sourceIconFile(dir: string, type: string): string {
  return join(dir, `${type}.png`);
}
