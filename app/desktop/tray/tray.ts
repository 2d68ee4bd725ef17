import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { throttle } from '../throttle.js';
import { trayIconFile } from './tray-icons.js';
import { trayMenu, type MenuSpec } from './tray-menu.js';
import {
  nextTrayChange,
  trayIconState,
  trayTitle,
  trayTooltip,
  type TrayAction,
  type TrayState,
} from './tray-model.js';

/** How often the menu may be rebuilt while state keeps changing. */
export const TRAY_REBUILD_MS = 500;
/** How often the menu may be redrawn for the clock alone (a countdown ticking). */
export const TRAY_TICK_MS = 1000;

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

/**
 * The tray icon: its image, tooltip, title and menu follow the state, rebuilt throttled. While
 * something shown depends on the clock ("reconnecting in 8 s", "muted until 14:30"), it also
 * redraws itself when those words change, at most once per TRAY_TICK_MS.
 */
export function createTray(options: TrayOptions): { refresh(): void; destroy(): void } {
  const { clock } = options;
  const image = (state: TrayState) =>
    nativeImage.createFromPath(
      trayIconFile(options.iconDir, trayIconState(state), options.platform),
    );
  const tray = new Tray(image(options.state()));
  let shownIcon = '';
  let tick: TimerHandle | undefined;
  let lastTick = Number.NEGATIVE_INFINITY;

  const scheduleTick = (state: TrayState) => {
    if (tick) clock.clearTimeout(tick);
    tick = undefined;
    const wait = nextTrayChange(state);
    if (wait === undefined) return;
    const delay = Math.max(wait, lastTick + TRAY_TICK_MS - clock.now());
    tick = clock.setTimeout(() => {
      tick = undefined;
      lastTick = clock.now();
      refresh();
    }, delay);
  };

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
    scheduleTick(state);
  };
  const refresh = throttle(rebuild, TRAY_REBUILD_MS, clock);
  // Windows users expect a left click to open the app; the right click still shows the menu.
  // macOS and Linux (AppIndicator has no click at all) keep the menu on a click.
  if (options.platform === 'win32') tray.on('click', () => options.dispatch({ type: 'settings' }));
  refresh();
  return {
    refresh,
    destroy: () => {
      refresh.cancel();
      if (tick) clock.clearTimeout(tick);
      tick = undefined;
      tray.destroy();
    },
  };
}
