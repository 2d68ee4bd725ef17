import type { NotificationSink } from './notification.js';

/**
 * Shows a notification only once the event behind it is committed (`persisted` resolves): a
 * crash in between then shows it once, after the restart, rather than before and again after.
 * It costs one turn of the event loop. A failed commit still shows: the user hears of the event
 * even if history could not keep it.
 */
export function afterCommit(
  sink: NotificationSink,
  persisted: () => Promise<void>,
): NotificationSink {
  const later =
    <K extends keyof NotificationSink>(method: K): NotificationSink[K] =>
    (notification) =>
      persisted()
        .catch(() => {})
        .then(() => sink[method](notification));
  return { show: later('show'), update: later('update'), retract: later('retract') };
}
