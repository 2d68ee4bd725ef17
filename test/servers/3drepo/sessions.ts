import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** One signed-in session, as express-session keeps it in the store (Mongo on the real server). */
export interface Session {
  sid: string;
  username: string;
  /** Signed in from a web browser, by its User-Agent (`isFromWebBrowser`). */
  webSession?: boolean;
  /** The site the sign-in came from, by its Referer. */
  referer?: string;
}

/** Who signed in, as the login request's headers tell it. */
export interface LoginClient {
  userAgent?: string;
  referer?: string;
}

// `utils/helper/userAgent.js` `isFromWebBrowser`: the `useragent` package's browser families.
const BROWSER = /webkit|opera|msie|chrome|safari|firefox|mozilla|android/i;

export const SESSION_COOKIE = 'connect.sid';

/**
 * The session store and express-session's cookie format: `s:<sid>.<HMAC-SHA256 base64 without
 * padding>`, URL-encoded in the header (`s%3A…`). Sessions outlive a restart of the chat
 * service, as they live in the database, not in the chat process.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly secret = randomBytes(32);

  create(username: string, client: LoginClient = {}): Session {
    const session: Session = {
      sid: randomBytes(18).toString('base64url'),
      username,
      ...(client.userAgent !== undefined && { webSession: BROWSER.test(client.userAgent) }),
      ...(client.referer !== undefined && { referer: siteOf(client.referer) }),
    };
    this.sessions.set(session.sid, session);
    return session;
  }

  /**
   * The user's older sessions that 3D Repo ends on this sign-in (`services/sessions.js`
   * `removeOldSessions`): none when the sign-in has no Referer, else the user's other browser
   * sessions from the same site.
   */
  displacedBy(session: Session): Session[] {
    if (session.referer === undefined) return [];
    return this.ofUser(session.username).filter(
      (old) =>
        old.sid !== session.sid && old.webSession === true && old.referer === session.referer,
    );
  }

  get(sid: string): Session | undefined {
    return this.sessions.get(sid);
  }

  destroy(sid: string): boolean {
    return this.sessions.delete(sid);
  }

  ofUser(username: string): Session[] {
    return [...this.sessions.values()].filter((session) => session.username === username);
  }

  /** The cookie value as sent in `Set-Cookie` and sent back in `Cookie`. */
  cookieValue(session: Session): string {
    return encodeURIComponent(`s:${session.sid}.${this.sign(session.sid)}`);
  }

  /** The session a Cookie header names, if the signature holds and the session still exists. */
  fromCookieHeader(header: string | undefined): Session | undefined {
    const value = cookieValues(header).get(SESSION_COOKIE);
    if (!value) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    if (!decoded.startsWith('s:')) return undefined;
    const dot = decoded.lastIndexOf('.');
    if (dot < 0) return undefined;
    const sid = decoded.slice(2, dot);
    const signature = Buffer.from(decoded.slice(dot + 1));
    const expected = Buffer.from(this.sign(sid));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
      return undefined;
    return this.sessions.get(sid);
  }

  private sign(sid: string): string {
    return createHmac('sha256', this.secret).update(sid).digest('base64').replace(/=+$/, '');
  }
}

export function cookieValues(header: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) values.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return values;
}

/** The Referer's site (`getURLDomain`; its exact form is not checked against the source). */
function siteOf(referer: string): string {
  try {
    return new URL(referer).origin;
  } catch {
    return referer;
  }
}
