/** Schemes a link from a server may open with: the web. Anything else could run a program. */
export const SAFE_LINK_SCHEMES: readonly string[] = ['http:', 'https:'];

/**
 * The link as a URL the system may open, or why not. Links come from servers and are untrusted:
 * `file:`, `javascript:`, `smb:` or a custom handler's scheme never reach `shell.openExternal`.
 */
export function checkExternalLink(
  link: string | undefined,
  allowed: readonly string[] = SAFE_LINK_SCHEMES,
): { ok: true; url: string } | { ok: false; reason: string } {
  if (!link) return { ok: false, reason: 'the event has no link' };
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, reason: 'the link is not a valid URL' };
  }
  if (!allowed.includes(url.protocol))
    return { ok: false, reason: `links with ${url.protocol} are not opened` };
  return { ok: true, url: url.href };
}
