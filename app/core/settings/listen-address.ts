/** Where a webhook inbox listens unless told: loopback only, so nothing off this machine reaches it. */
export const DEFAULT_LISTEN = '127.0.0.1:8787';

export interface ListenAddress {
  /** As `node:http` binds it: "127.0.0.1", "::1", "0.0.0.0". */
  host: string;
  /** 0: any free port (the status says which). */
  port: number;
  /** Only this machine can connect. */
  loopback: boolean;
}

/**
 * `host:port` with an IP address or `localhost` (`[::1]:8787` for IPv6). A host name is refused:
 * what it resolves to could change which network the inbox is open to.
 */
export function parseListenAddress(text: string): ListenAddress | string {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const wanted = 'expected an address and port such as 127.0.0.1:8787 or [::1]:8787';
  if (!match) return wanted;
  const port = Number(match[3]);
  if (port > 65_535) return `${wanted} (a port up to 65535)`;
  const written = match[1] ?? match[2] ?? '';
  const host = written === 'localhost' ? '127.0.0.1' : written;
  const family = isIP(host);
  if (family === 0 || (match[1] !== undefined && family !== 6))
    return `${wanted}: "${written}" is not an IP address`;
  return { host, port, loopback: isLoopback(host) };
}

/** 4, 6, or 0 for anything that is not an IP address (core stays off node:net). */
function isIP(host: string): 0 | 4 | 6 {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255) ? 4 : 0;
  if (!host.includes(':')) return 0;
  try {
    return new URL(`http://[${host}]/`).hostname !== '' ? 6 : 0;
  } catch {
    return 0;
  }
}

function isLoopback(host: string): boolean {
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (host.startsWith('::ffff:')) return isLoopback(host.slice('::ffff:'.length));
  return isIP(host) === 4 && host.startsWith('127.');
}
