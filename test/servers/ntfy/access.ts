// Who may read which topic (server.go authenticate/authorizeTopic, user/manager.go): a token
// (`Bearer tk_…`), a user (`Basic`), or `?auth=` carrying either header base64url-encoded. A
// credential the server does not know is 401; a known one (or none) without read access is 403.
import type { IncomingMessage } from 'node:http';

export interface NtfyUser {
  password?: string;
  tokens?: string[];
  /** Topics the user may read; `*` for all. */
  read: string[];
}

export interface AccessOptions {
  users?: Record<string, NtfyUser>;
  /** Topics anyone may read without signing in; `*` for all (ntfy's default: everything). */
  anonymousRead?: string[];
}

export type AccessResult = { ok: true; user?: string } | { ok: false; status: 401 | 403 };

export function authorize(
  request: IncomingMessage,
  url: URL,
  topics: readonly string[],
  options: AccessOptions,
): AccessResult {
  const header = authHeader(request, url);
  const users = options.users ?? {};
  let user: string | undefined;
  if (header) {
    user = identify(header, users);
    if (!user) return { ok: false, status: 401 };
  }
  const readable = user ? users[user]!.read : (options.anonymousRead ?? ['*']);
  const allowed = topics.every((t) => readable.includes('*') || readable.includes(t));
  if (!allowed) return { ok: false, status: 403 };
  return user ? { ok: true, user } : { ok: true };
}

/** readAuthHeader: the header, else `?auth=` / `?authorization=` (base64url, padding optional). */
function authHeader(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  if (header) return header;
  const query = url.searchParams.get('auth') ?? url.searchParams.get('authorization');
  if (!query) return undefined;
  return Buffer.from(query, 'base64url').toString('utf8');
}

function identify(header: string, users: Record<string, NtfyUser>): string | undefined {
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer')
    return Object.keys(users).find((name) => users[name]!.tokens?.includes(value));
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const name = decoded.slice(0, colon);
    const user = users[name];
    return colon > 0 && user?.password === decoded.slice(colon + 1) ? name : undefined;
  }
  return undefined;
}
