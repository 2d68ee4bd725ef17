import type { NotificationSink } from '../core/notification.js';
import { notificationLine, retractLine, writeLine } from './json-lines.js';

/** Prints each notification, update and retraction as a JSON line. */
export function jsonLinesSink(write: (text: string) => void): NotificationSink {
  return {
    show: (n) => writeLine(notificationLine(n, false), write),
    update: (n) => writeLine(notificationLine(n, true), write),
    retract: (n) => writeLine(retractLine(n), write),
  };
}
