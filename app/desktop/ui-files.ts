import { extname, join, normalize, sep } from 'node:path';
import { targetHash, type Page, type WindowTarget } from '../ipc/contract.js';

/** The scheme the settings window is served on: its own origin, nothing else can reach it. */
export const UI_SCHEME = 'tidings-ui';
export const UI_ORIGIN = `${UI_SCHEME}://settings`;

/**
 * No network, no inline script or style, no plugins, no framing, no form posts: the renderer
 * talks to main through the preload's contract only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The file under `root` a UI URL names, or undefined for anything outside it (`..`, another
 * host) or of a type the window does not use.
 */
export function uiFile(root: string, url: string): { path: string; type: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${UI_SCHEME}:` || parsed.host !== 'settings') return undefined;
  const relative = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  const path = normalize(join(root, relative));
  if (!path.startsWith(normalize(root) + sep)) return undefined;
  const type = TYPES[extname(path)];
  return type ? { path, type } : undefined;
}

/** The window's URL for a page: `tidings-ui://settings/index.html#history` (see WindowTarget). */
export function uiUrl(target?: Page | WindowTarget): string {
  const hash = !target ? '' : targetHash(typeof target === 'string' ? { page: target } : target);
  return `${UI_ORIGIN}/index.html${hash}`;
}
