/**
 * A server's refusal in words a user understands, with the server's own text kept for the
 * details: Rocket.Chat's "User not found" and Kuzzle's
 * "auth/login: wrong username or password (plugin.strategy.missing_user)" both mean the same.
 */
export interface PlainReason {
  headline: string;
  /** What the server said, as it said it; absent when the headline is the server's text. */
  serverText?: string;
}

const WRONG_CREDENTIALS =
  /user not found|incorrect password|wrong (user ?name|login|credentials)|invalid (credentials|password|user)|missing_user|unauthori[sz]ed/i;
/** Kuzzle's "route: message (error.id)" */
const KUZZLE_ERROR = /^[a-z-]+\/[a-zA-Z]+: (.*) \(([a-z_]+(?:\.[a-z_]+)+)\)$/;

/**
 * A connection test's or listing's "Sign-in failed: <the server's words>" with the plain words
 * first and the server's in brackets; any other failure as it is.
 */
export function plainFailure(message: string): string {
  if (!message.startsWith('Sign-in failed: ')) return message;
  const plain = plainReason(message.slice('Sign-in failed: '.length));
  return plain.serverText && plain.serverText !== plain.headline
    ? `Sign-in failed: ${plain.headline} (the server said: ${plain.serverText})`
    : message;
}

export function plainReason(reason: string): PlainReason {
  if (WRONG_CREDENTIALS.test(reason))
    return { headline: 'wrong user name or password', serverText: reason };
  const kuzzle = KUZZLE_ERROR.exec(reason);
  if (kuzzle?.[1]) return { headline: kuzzle[1], serverText: reason };
  return { headline: reason };
}
