import { formatTime } from '../core/format-time.js';
import { manualDndActive, type DndChoice } from '../core/rules/dnd.js';
import type { Dnd } from '../core/settings/notifications.js';
import { systemDndHolding, type SystemDndState } from '../core/rules/system-dnd.js';

export interface DndSummary {
  /** False when it is off. */
  active: boolean;
  /** Switched on until turned off. */
  on: boolean;
  /** "off", "until turned off", "until 13:30", "until Tue 08:00" (in the user's locale). */
  label: string;
  /** The tray choice a timed do-not-disturb came from, so its radio item is checked. */
  choice?: DndChoice;
  /** When a timed do-not-disturb ends (ms): the tray redraws itself then. */
  endsAt?: number;
}

/** The system's do-not-disturb as the tray and the window show it. */
export interface SystemDndSummary {
  state: SystemDndState['state'];
  /** Who says so ("dunst is paused"), when something does. */
  source?: string;
  /** Whether it holds Tidings' notifications back (it is on and the user respects it). */
  holding: boolean;
  /** One sentence for the window. */
  label: string;
}

export function systemDndSummary(system: SystemDndState, dnd: Dnd): SystemDndSummary {
  const holding = systemDndHolding(system, dnd);
  const source = system.source;
  const base = { state: system.state, holding, ...(source !== undefined && { source }) };
  if (holding) {
    const except = dnd.mentionsThroughSystem ? ', except mentions and direct messages' : '';
    return {
      ...base,
      label: `The system’s do not disturb is on (${source}): notifications are held back${except}.`,
    };
  }
  if (system.state === 'on')
    return {
      ...base,
      label: `The system’s do not disturb is on (${source}); Tidings notifies anyway.`,
    };
  if (system.state === 'off') return { ...base, label: 'The system’s do not disturb is off.' };
  return { ...base, label: 'Tidings cannot tell whether the system’s do not disturb is on.' };
}

export function dndSummary(dnd: Dnd, now: number, timeZone?: string, locale?: string): DndSummary {
  const active = manualDndActive(dnd, now);
  if (!active) return { active, on: false, label: 'off' };
  if (dnd.on || dnd.until === undefined) return { active, on: true, label: 'until turned off' };
  const endsAt = Date.parse(dnd.until);
  const label = `until ${formatTime(endsAt, { locale, timeZone, relativeTo: now })}`;
  return { active, on: false, label, endsAt, ...(dnd.choice && { choice: dnd.choice }) };
}
