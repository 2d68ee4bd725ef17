import { randomBytes } from 'node:crypto';

const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A Meteor `Random.id()`: 17 characters from an alphabet without look-alikes. */
export function randomId(length = 17): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += UNMISTAKABLE[byte % UNMISTAKABLE.length];
  return id;
}

/** A login token like Meteor's `Random.secret()`: 43 base64url characters. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
