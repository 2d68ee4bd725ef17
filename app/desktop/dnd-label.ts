import { formatTime } from '../core/format-time.js';
import { manualDndActive, type DndChoice } from '../core/rules/dnd.js';
import type { Dnd } from '../core/settings/notifications.js';

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

export function dndSummary(dnd: Dnd, now: number, timeZone?: string, locale?: string): DndSummary {
  const active = manualDndActive(dnd, now);
  if (!active) return { active, on: false, label: 'off' };
  if (dnd.on || dnd.until === undefined) return { active, on: true, label: 'until turned off' };
  const endsAt = Date.parse(dnd.until);
  const label = `until ${formatTime(endsAt, { locale, timeZone, relativeTo: now })}`;
  return { active, on: false, label, endsAt, ...(dnd.choice && { choice: dnd.choice }) };
}
