import { createHash } from 'node:crypto';

/** A short hash of a frame's text: the id of events that carry none, stable across redeliveries. */
export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}
