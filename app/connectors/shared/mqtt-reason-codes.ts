import { ConnectorError, type ConnectorErrorKind } from '../../core/connector.js';

/** MQTT 5 reason codes (spec §2.4) in words a user can act on. */
const WORDS: ReadonlyMap<number, string> = new Map([
  [0x80, 'unspecified error'],
  [0x81, 'malformed packet'],
  [0x82, 'protocol error'],
  [0x83, 'implementation specific error'],
  [0x84, 'unsupported protocol version'],
  [0x85, 'client identifier not valid'],
  [0x86, 'bad user name or password'],
  [0x87, 'not authorized'],
  [0x88, 'server unavailable'],
  [0x89, 'server busy'],
  [0x8a, 'banned'],
  [0x8b, 'server shutting down'],
  [0x8c, 'bad authentication method'],
  [0x8d, 'keep alive timeout'],
  [0x8e, 'session taken over'],
  [0x8f, 'topic filter invalid'],
  [0x90, 'topic name invalid'],
  [0x91, 'packet identifier in use'],
  [0x93, 'receive maximum exceeded'],
  [0x95, 'packet too large'],
  [0x97, 'quota exceeded'],
  [0x98, 'administrative action'],
  [0x99, 'payload format invalid'],
  [0x9c, 'use another server'],
  [0x9d, 'server moved'],
  [0x9e, 'shared subscriptions not supported'],
  [0x9f, 'connection rate exceeded'],
  [0xa0, 'maximum connect time'],
  [0xa1, 'subscription identifiers not supported'],
  [0xa2, 'wildcard subscriptions not supported'],
]);

export function reasonWords(code: number): string {
  return WORDS.get(code) ?? `reason code 0x${code.toString(16).padStart(2, '0')}`;
}

/** A SUBACK's granted QoS or refusal, beside the account's status. */
export function subscriptionWords(code: number): string {
  if (code >= 0x80) return `refused: ${reasonWords(code)}`;
  // Granted below QoS 1, the broker keeps nothing for the app while it is away.
  return code === 0 ? 'subscribed at QoS 0: events sent while offline are lost' : 'subscribed';
}

/** Refusals only the user can fix (credentials, the client id the broker binds them to, a ban). */
const AUTH_CODES: ReadonlySet<number> = new Set([0x85, 0x86, 0x87, 0x8a, 0x8c]);
/** Refusals that point at the account's settings: another broker, another topic filter. */
const CONFIG_CODES: ReadonlySet<number> = new Set([0x8f, 0x9c, 0x9d, 0x9e, 0xa1, 0xa2]);
/** The broker is busy or going away: trying later can help. */
const NETWORK_CODES: ReadonlySet<number> = new Set([0x88, 0x89, 0x8b, 0x97, 0x9f, 0xa0]);

function kindOf(code: number): ConnectorErrorKind {
  if (AUTH_CODES.has(code)) return 'auth';
  if (CONFIG_CODES.has(code)) return 'config';
  if (NETWORK_CODES.has(code)) return 'network';
  return 'protocol';
}

/** What the user can check when the broker refuses the login itself. */
const CONNACK_HINTS: ReadonlyMap<number, string> = new Map([
  // VerneMQ binds a login to its client id, so a right password with the wrong id fails too.
  [0x85, 'check the client id'],
  [0x87, 'check the user name, password and client id'],
]);

/** A CONNACK refusal: "bad user name or password" stops retries, "server busy" does not. */
export function connackError(code: number, cause?: unknown): ConnectorError {
  const hint = CONNACK_HINTS.get(code);
  const words = hint ? `${reasonWords(code)}: ${hint}` : reasonWords(code);
  return new ConnectorError(kindOf(code), words, { cause });
}

/** A SUBACK refusal of the user's own topic: without it the account receives nothing. */
export function subackError(topic: string, code: number): ConnectorError {
  const words =
    code === 0x87 ? `not authorized to read ${topic}` : `${topic} refused: ${reasonWords(code)}`;
  return new ConnectorError(kindOf(code), words);
}

/** Why an established connection ended, from the broker's DISCONNECT when it sent one. */
export function disconnectError(code: number | undefined, clientId: string): ConnectorError {
  if (code === 0x8e)
    return new ConnectorError(
      'network',
      `session taken over: another client connected with the client id ${clientId}`,
    );
  if (code === undefined || code === 0) return new ConnectorError('network', 'connection lost');
  return new ConnectorError('network', `disconnected by the broker: ${reasonWords(code)}`);
}

/** MQTT 3.1.1 CONNACK return codes (spec §3.2.2.3) as the MQTT 5 reason codes that mean the same. */
const V3_CONNACK: ReadonlyMap<number, number> = new Map([
  [1, 0x84],
  [2, 0x85],
  [3, 0x88],
  [4, 0x86],
  [5, 0x87],
]);

/**
 * The MQTT 5 reason code of a CONNACK refusal. A 3.1.1 broker answers with its own return codes;
 * so does an older broker that does not know MQTT 5 at all (1, "unacceptable protocol version"),
 * even to an MQTT 5 CONNECT, where codes below 0x80 are never refusals.
 */
export function v5ConnackCode(code: number, protocolVersion: 4 | 5): number {
  if (protocolVersion === 4 || code < 0x80) return V3_CONNACK.get(code) ?? code;
  return code;
}

/** The broker refused the CONNECT's protocol version: an older broker that speaks 3.1.1 only. */
export function refusedProtocolVersion(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return (
    error instanceof ConnectorError &&
    (cause?.code === 1 || cause?.code === 0x84) &&
    error.message.startsWith('unsupported protocol version')
  );
}
