/**
 * The session cookies a 3D Repo account signs in with. The settings hold them as one Cookie
 * header ("connect.sid=s%3A…; csrf_token=…"), which is also what the desktop sign-in window
 * reads from its cookie store; a bare value is the `connect.sid` itself.
 */
export const SESSION_COOKIE = 'connect.sid';
export const CSRF_COOKIE = 'csrf_token';

export type Cookies = ReadonlyMap<string, string>;

export function parseCookies(text: string): Map<string, string> {
  const cookies = new Map<string, string>();
  const trimmed = text.trim().replace(/^cookie:\s*/i, '');
  if (trimmed !== '' && !trimmed.includes('=')) {
    cookies.set(SESSION_COOKIE, trimmed);
    return cookies;
  }
  for (const part of trimmed.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/** The value as received (still URL-encoded, e.g. `s%3A…`): express-session decodes it. */
export function cookieHeader(cookies: Cookies): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** `connect.sid` from `Set-Cookie` headers, as the server sent it. */
export function sessionFromSetCookie(headers: readonly string[]): string | undefined {
  for (const header of headers) {
    const [pair] = header.split(';');
    const cookies = parseCookies(pair ?? '');
    const value = cookies.get(SESSION_COOKIE);
    if (value) return value;
  }
  return undefined;
}
