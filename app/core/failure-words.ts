/**
 * A connection's failure in words a user can act on, naming the server: "Can't reach
 * chat.example.com: nothing answers on port 443", "chat.example.com's certificate has expired".
 * One mapping for every source and both front ends; the raw text ("connect ECONNREFUSED
 * 127.0.0.1:443") stays beside it for the log and the connection details.
 */
export interface FailureFacts {
  /** Node's or OpenSSL's code: `ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`. */
  code?: string;
  /** The text as it came, for support. */
  message: string;
  /** The server's name as the user wrote it (or as the failing lookup asked). */
  host?: string;
  port?: number;
  /** An HTTP status the server answered a WebSocket upgrade or a request with. */
  status?: number;
}

/** Where an account connects, from its settings: the host of its URL and the port it implies. */
export interface ServerAddress {
  host: string;
  port?: number;
}

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'ws:': 80,
  'https:': 443,
  'wss:': 443,
  'mqtt:': 1883,
  'mqtts:': 8883,
};

/** "https://chat.example.com/" → chat.example.com, 443; undefined for text that is no URL. */
export function serverAddress(url: string): ServerAddress | undefined {
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) return undefined;
    const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[parsed.protocol];
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    return port === undefined ? { host } : { host, port };
  } catch {
    return undefined;
  }
}

/** "connect ECONNREFUSED 127.0.0.1:9", "getaddrinfo ENOTFOUND x.invalid", anywhere in a text. */
const NODE_MESSAGE =
  /\b(?:connect|getaddrinfo|read|write) (E[A-Z_]+)(?: (\S+?)(?::(\d+))?)?(?=$|[\s),;])/;
/** ws's refusal of an upgrade: "Unexpected server response: 503". */
const UPGRADE_STATUS = /Unexpected server response: (\d{3})/;
const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;
const TLS_TEXT = /before secure TLS connection was established|SSL routines|wrong version number/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  status?: unknown;
  httpStatus?: unknown;
  cause?: unknown;
  /** socket.io's and engine.io's transport errors keep the socket's error here. */
  description?: unknown;
  errors?: unknown;
}

/** The error, its causes (and socket.io's descriptions) and (Node's "happy eyeballs" AggregateError) the errors it stands for. */
function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 8) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null) continue;
    const item = next as ErrorLike;
    found.push(item);
    queue.push(item.cause, item.description);
    if (Array.isArray(item.errors)) queue.push(...(item.errors as unknown[]).slice(0, 2));
  }
  return found;
}

/** Each distinct text down the chain once: "connection refused: connect ECONNREFUSED 127.0.0.1:9". */
function rawText(errors: ErrorLike[], error: unknown): string {
  if (errors.length === 0) return String(error);
  const parts: string[] = [];
  for (const e of errors) {
    const part = text(e.message);
    if (part && !parts.some((kept) => kept.includes(part))) parts.push(part);
  }
  return parts.join(': ');
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * What is known of a failure: the code and status from the error or any of its causes (or from
 * its text, where a connector kept only that), the server from the account's settings.
 */
export function failureFacts(error: unknown, server?: ServerAddress): FailureFacts {
  const errors = chain(error);
  const facts: FailureFacts = { message: rawText(errors, error) };
  for (const e of errors) {
    facts.code ??= text(e.code);
    facts.status ??= number(e.httpStatus) ?? number(e.status);
    facts.port ??= number(e.port);
    // A failed lookup names the host it asked for: the chat service's, the broker's.
    if (facts.host === undefined && text(e.hostname)) facts.host = text(e.hostname);
    if (!server) facts.host ??= text(e.address);
  }
  const texts = errors.map((e) => text(e.message) ?? '').join('\n');
  const fromText = NODE_MESSAGE.exec(texts);
  if (fromText) {
    facts.code ??= fromText[1];
    if (fromText[3]) facts.port ??= Number(fromText[3]);
    if (!server) facts.host ??= fromText[2];
  }
  const upgrade = UPGRADE_STATUS.exec(texts);
  if (upgrade) facts.status ??= Number(upgrade[1]);
  if (facts.code === undefined && TLS_TEXT.test(texts)) facts.code = 'ERR_SSL_HANDSHAKE';
  facts.host ??= server?.host;
  if (server?.port !== undefined) facts.port ??= server.port;
  return facts;
}

const CERTIFICATE: Record<string, (host: string) => string> = {
  CERT_HAS_EXPIRED: (h) => `${h}'s certificate has expired`,
  CERT_NOT_YET_VALID: (h) => `${h}'s certificate is not valid yet: check this computer's clock`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (h) =>
    `${h}'s certificate is self-signed, so Tidings cannot tell it is really ${h}`,
  SELF_SIGNED_CERT_IN_CHAIN: (h) =>
    `${h}'s certificate is signed by an authority this computer does not trust (a self-signed one)`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (h) =>
    `${h}'s certificate is signed by an authority this computer does not trust`,
  UNABLE_TO_GET_ISSUER_CERT: (h) =>
    `${h}'s certificate is signed by an authority this computer does not trust`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (h) =>
    `${h}'s certificate is signed by an authority this computer does not trust`,
  ERR_TLS_CERT_ALTNAME_INVALID: (h) => `${h}'s certificate is for another server name`,
  CERT_REVOKED: (h) => `${h}'s certificate has been revoked`,
};

function statusWords(host: string, status: number): string | undefined {
  if (status === 404) return `${host} has nothing at this address (404): check the server's URL`;
  if (status === 502 || status === 504)
    return `${host} is not available right now: its gateway got no answer from the server behind it (${status})`;
  if (status === 503)
    return `${host} is not available right now (503): it may be down for maintenance`;
  if (status >= 500 && status < 600) return `${host} had an internal error (${status})`;
  return undefined;
}

/**
 * The sentence a user reads, or undefined where the failure is not one of the known network
 * kinds (the connector's own words then stand).
 */
export function failureWords(facts: FailureFacts): string | undefined {
  const host = facts.host ?? 'the server';
  const onPort = facts.port === undefined ? '' : ` on port ${facts.port}`;
  const { code } = facts;
  if (code !== undefined && code in CERTIFICATE) return CERTIFICATE[code]!(host);
  switch (code) {
    case 'ECONNREFUSED':
      return `Can't reach ${host}: nothing answers${onPort}`;
    case 'ENOTFOUND':
      return `Can't find ${host}: no server has that name. Check the address`;
    case 'EAI_AGAIN':
      return `Can't look up ${host}: no answer from the name server. Check your internet connection`;
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return `Can't reach ${host}: no answer${onPort} in time`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${host} closed the connection unexpectedly`;
    case 'EHOSTUNREACH':
      return `Can't reach ${host}: no route to it from this network`;
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `Can't reach ${host}: this computer is not connected to a network`;
  }
  if (code !== undefined && TLS_CODES.test(code))
    return `Can't set up a secure connection with ${host}${onPort}: check that the address's port and scheme (https, wss, mqtts) are right`;
  if (facts.status !== undefined) return statusWords(host, facts.status);
  return undefined;
}

/**
 * A failure's words (the known kinds in a sentence, `plain`; else the error's own message) and,
 * when they are not the raw text, the raw text down the chain of causes beside them.
 */
export function describeFailure(
  error: unknown,
  server?: ServerAddress,
): { words: string; plain: boolean; raw?: string } {
  const facts = failureFacts(error, server);
  const plain = failureWords(facts);
  const words = plain ?? (error instanceof Error ? error.message : String(error));
  const known = plain !== undefined;
  return words === facts.message
    ? { words, plain: known }
    : { words, plain: known, raw: facts.message };
}
