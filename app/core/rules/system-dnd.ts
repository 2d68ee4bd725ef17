import type { Dnd } from '../settings/notifications.js';

/**
 * What the operating system's own do-not-disturb says (KDE Plasma, GNOME, dunst, macOS Focus,
 * Windows Focus Assist). `unknown` when nothing can tell (no session bus, a desktop that keeps
 * no such switch): then Tidings goes by its own settings alone, as it always did.
 */
export type SystemDndState =
  | { state: 'on'; /** Who says so, in words: "dunst is paused". */ source: string }
  | { state: 'off' | 'unknown'; source?: string };

export const SYSTEM_DND_UNKNOWN: SystemDndState = { state: 'unknown' };

/** Whether the user asked Tidings to follow the system's do-not-disturb (on unless switched off). */
export function respectsSystemDnd(dnd: Dnd): boolean {
  return dnd.respectSystem !== false;
}

/**
 * Whether the system's do-not-disturb holds notifications back for this user, leaving aside
 * the mentions they may let through (`mentionsThroughSystem`): the tray and the window say so.
 */
export function systemDndHolding(system: SystemDndState, dnd: Dnd): boolean {
  return system.state === 'on' && respectsSystemDnd(dnd);
}

/** Whether the system's do-not-disturb holds back one event, a mention or not. */
export function systemDndHolds(system: SystemDndState, dnd: Dnd, mention: boolean): boolean {
  if (!systemDndHolding(system, dnd)) return false;
  return !(mention && dnd.mentionsThroughSystem === true);
}
