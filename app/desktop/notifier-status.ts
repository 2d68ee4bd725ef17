/**
 * Whether the desktop can show Tidings' notifications at all (Linux: a session bus with a
 * notification server on it), for the tray and the window. The D-Bus sink says when that changes;
 * elsewhere Electron's notifications are always there.
 */
export interface NotifierAvailability {
  available: boolean;
  /** The sink's reason, in its words, while not available. */
  reason?: string;
}

export interface NotifierStatus {
  current(): NotifierAvailability;
  /** Called after each change; returns the unsubscribe. */
  onChange(listener: (state: NotifierAvailability) => void): () => void;
}

/** What the window and the tray show: nothing while notifications can be shown. */
export interface NotifierSummary {
  available: boolean;
  /** "Notifications can't be shown because no notification service is running …". */
  warning?: string;
  /** The sink's own reason (the D-Bus part missing), for the banner's details. */
  detail?: string;
}

export const NOTIFIER_WARNING =
  "Notifications can't be shown: no notification service is running on this desktop. " +
  'Everything is kept in History.';

export function notifierSummary(state: NotifierAvailability): NotifierSummary {
  if (state.available) return { available: true };
  // The sink's reasons name the D-Bus parts; the user knows their desktop, not its bus: that
  // goes under the banner's details, for support.
  const reason = state.reason ?? 'no session bus (D-Bus)';
  return {
    available: false,
    warning: NOTIFIER_WARNING,
    detail: `D-Bus: ${reason}.`,
  };
}

/** A status the sink sets: listeners hear only real changes. */
export function notifierStatusCell(): NotifierStatus & {
  set(state: NotifierAvailability): void;
} {
  let state: NotifierAvailability = { available: true };
  const listeners = new Set<(state: NotifierAvailability) => void>();
  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next.available === state.available && next.reason === state.reason) return;
      state = next;
      for (const listener of listeners) listener(next);
    },
  };
}
