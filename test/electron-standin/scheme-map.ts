// Chromium without Electron's embedder cannot be taught a new standard scheme, and Playwright can
// route only what the network stack would fetch. So a privileged scheme's URL travels through
// Chromium as https on a host of its own, and is turned back before anything in Node sees it:
// `tidings-ui://settings/index.html#x` <-> `https://settings.tidings-ui.standin.invalid/index.html#x`.
// The protocol handler, `webContents.getURL()`, `senderFrame.url` and will-navigate all see the
// app's own URL; only the page's `location` shows the carrier.
const CARRIER = /^https:\/\/([^/]+)\.([a-z][a-z0-9+.-]*)\.standin\.invalid(\/.*)?$/i;

export function toCarrier(url: string, schemes: ReadonlySet<string>): string {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match || !schemes.has(match[1]!.toLowerCase())) return url;
  const [, scheme, host, rest] = match;
  return `https://${host}.${scheme!.toLowerCase()}.standin.invalid${rest || '/'}`;
}

export function fromCarrier(url: string): string {
  const match = CARRIER.exec(url);
  if (!match) return url;
  const [, host, scheme, rest] = match;
  return `${scheme}://${host}${rest ?? '/'}`;
}

export function isCarrier(url: string): boolean {
  return CARRIER.test(url);
}
