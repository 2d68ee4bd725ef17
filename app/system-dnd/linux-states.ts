import type { SystemDndState } from '../core/rules/system-dnd.js';

/**
 * The decisions for Linux, pure, from what the desktop reports (tested from recorded states).
 *
 * - KDE Plasma: `Inhibited` (b) on org.freedesktop.Notifications, a KDE extension of the
 *   freedesktop spec 1.3, true while "Do not disturb" is on.
 * - dunst: `paused` (b) on org.dunstproject.cmd0, true after `dunstctl set-paused true`.
 * - GNOME: the `show-banners` key of org.gnome.desktop.notifications, false while "Do Not
 *   Disturb" is on.
 */

/** What the notification server's properties say; `undefined` where the server has none. */
export interface NotificationServerProperties {
  kdeInhibited?: unknown;
  dunstPaused?: unknown;
}

export function notificationServerState(props: NotificationServerProperties): SystemDndState {
  if (props.kdeInhibited === true) return { state: 'on', source: 'KDE Plasma: do not disturb' };
  if (props.dunstPaused === true) return { state: 'on', source: 'dunst is paused' };
  if (props.kdeInhibited === false) return { state: 'off', source: 'KDE Plasma' };
  if (props.dunstPaused === false) return { state: 'off', source: 'dunst' };
  return { state: 'unknown' };
}

/**
 * GNOME's setting as `gsettings get` prints it ("false") or `gsettings monitor` does
 * ("show-banners: false"); anything else (an error, no such schema) is unknown.
 */
export function gnomeShowBannersState(output: string): SystemDndState {
  const value = /^(?:show-banners:\s*)?(true|false)\s*$/.exec(output.trim())?.[1];
  if (value === 'false') return { state: 'on', source: 'GNOME: do not disturb' };
  if (value === 'true') return { state: 'off', source: 'GNOME' };
  return { state: 'unknown' };
}

/**
 * Whether GNOME's setting means anything here: the key exists wherever its schema is installed
 * (also under KDE or a bare window manager), but only GNOME Shell (and desktops built on it)
 * acts on it.
 */
export function gnomeSettingApplies(env: NodeJS.ProcessEnv): boolean {
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '').split(':').map((d) => d.trim().toLowerCase());
  return desktops.some((d) => d === 'gnome' || d === 'gnome-classic');
}
