import { PAGES, type Page } from '../ipc/contract.js';

export const DEEP_LINK_SCHEME = 'tidings';

/**
 * The settings page a `tidings://` link asks for: `tidings://settings/history` → 'history',
 * `tidings://settings` → 'accounts'. Anything else is not ours and opens nothing.
 */
export function pageOfDeepLink(link: string): Page | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'settings') return undefined;
  const page = url.pathname.replace(/^\/+|\/+$/g, '') || 'accounts';
  return (PAGES as readonly string[]).includes(page) ? (page as Page) : undefined;
}

/** A deep link among a launch's arguments (Windows and Linux pass it on the command line). */
export function deepLinkIn(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.startsWith(`${DEEP_LINK_SCHEME}://`));
}
