import { getDomain } from 'tldts';

/** Where the chat endpoint came from: the account's own `chat` setting, or the server's config.js. */
export type ChatEndpointSource = 'settings' | 'config.js';

/**
 * Whether the session cookie may go to the chat service, and if not why, in words. The cookie
 * is the user's whole session, and config.js is whatever the site (or anyone between it and us)
 * serves, so a chat host it names is trusted only on the server's own site: the same host, or
 * the same registrable domain by the Public Suffix List (tldts, with its private section, so
 * `a.github.io` and `b.github.io` are different sites, as are `a.co.uk` and `b.co.uk`; a rule
 * of "the last two labels" gets both wrong). A host the user wrote in the account's `chat`
 * setting is theirs to trust. Either way the cookie never drops from https:// to plain http://.
 */
export function sessionRefusal(
  server: string,
  chat: string,
  source: ChatEndpointSource,
): string | undefined {
  const site = new URL(server);
  const target = new URL(chat);
  if (isSecure(site.protocol) && !isSecure(target.protocol))
    return `not sending the session to ${target.host} over unencrypted ${target.protocol}//: the server is https://`;
  if (source === 'settings' || sameSite(site.hostname, target.hostname)) return undefined;
  return (
    `config.js names the chat service at ${target.host}, which is not on the site of ` +
    `${site.host}: not sending the session there (name it as the account's chat url to trust it)`
  );
}

function isSecure(protocol: string): boolean {
  return protocol === 'https:' || protocol === 'wss:';
}

function sameSite(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  // null for IP addresses and bare names (localhost): those only match themselves.
  const options = { allowPrivateDomains: true };
  const domain = getDomain(a, options);
  return domain !== null && domain === getDomain(b, options);
}
