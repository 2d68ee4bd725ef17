/** The 3D Repo session cookie and, on current servers, the CSRF cookie that goes with it. */
export const SESSION_COOKIE = 'connect.sid';
export const CSRF_COOKIE = 'csrf_token';

/**
 * The Cookie header a 3D Repo account keeps after "Sign in with browser": `connect.sid` (and
 * `csrf_token` when the server set one), or undefined while there is no session yet.
 */
export function sessionCookieHeader(
  cookies: readonly { name: string; value: string }[],
): string | undefined {
  const session = cookies.find((c) => c.name === SESSION_COOKIE && c.value !== '');
  if (!session) return undefined;
  const csrf = cookies.find((c) => c.name === CSRF_COOKIE && c.value !== '');
  return [session, ...(csrf ? [csrf] : [])].map((c) => `${c.name}=${c.value}`).join('; ');
}
