import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Clock } from '../../core/clock.js';
import { throttle } from '../throttle.js';
import { trayIconFile } from './tray-icons.js';
import {
  trayIconState,
  trayMenu,
  trayTitle,
  trayTooltip,
  type MenuSpec,
  type TrayAction,
  type TrayState,
} from './tray-model.js';

/** How often the menu may be rebuilt while state keeps changing. */
export const TRAY_REBUILD_MS = 500;

/** The pure menu as Electron's template: each item's click dispatches its action. */
export function menuTemplate(
  specs: readonly MenuSpec[],
  dispatch: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return specs.map((spec) => {
    const { action, submenu, ...rest } = spec;
    const item: MenuItemConstructorOptions = { ...rest };
    if (submenu) item.submenu = menuTemplate(submenu, dispatch);
    if (action) item.click = () => dispatch(action);
    return item;
  });
}

export interface TrayOptions {
  iconDir: string;
  platform: NodeJS.Platform;
  clock: Clock;
  state(): TrayState;
  dispatch(action: TrayAction): void;
}

/** The tray icon: its image, tooltip, title and menu follow the state, rebuilt throttled. */
export function createTray(options: TrayOptions): { refresh(): void; destroy(): void } {
  const image = (state: TrayState) =>
    nativeImage.createFromPath(
      trayIconFile(options.iconDir, trayIconState(state), options.platform),
    );
  const tray = new Tray(image(options.state()));
  let shownIcon = '';

  const rebuild = () => {
    const state = options.state();
    const icon = trayIconState(state);
    if (icon !== shownIcon) {
      tray.setImage(image(state));
      shownIcon = icon;
    }
    tray.setToolTip(trayTooltip(state));
    if (options.platform === 'darwin') tray.setTitle(trayTitle(state));
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(trayMenu(state), options.dispatch)));
  };
  const refresh = throttle(rebuild, TRAY_REBUILD_MS, options.clock);
  refresh();
  return {
    refresh,
    destroy: () => {
      refresh.cancel();
      tray.destroy();
    },
  };
}
