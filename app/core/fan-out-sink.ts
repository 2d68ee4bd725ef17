import type { NotificationSink, RoomNotification } from './notification.js';

/** Shows every notification on all the sinks; one failing does not stop the others. */
export function fanOut(...sinks: NotificationSink[]): NotificationSink {
  const each = (method: keyof NotificationSink) => async (n: RoomNotification) => {
    const results = await Promise.allSettled(sinks.map((sink) => sink[method](n)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { show: each('show'), update: each('update'), retract: each('retract') };
}
