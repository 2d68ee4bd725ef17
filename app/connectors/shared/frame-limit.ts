import { ConnectorError } from '../../core/connector.js';
import { nestsDeeperThan, parsedNestsDeeperThan } from '../../core/json-depth.js';

/**
 * The largest frame any transport buffers. Well above real traffic (a 1 MB chat message, a
 * Kuzzle notification echoing its 1 MB request), and small enough that a hostile or broken
 * server cannot make Tidings hold hundreds of megabytes.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
export const MAX_FRAME_WORDS = '4 MB';

/** The words beside the status when a library had to close the link to refuse a frame. */
export const CLOSED_FOR_FRAME =
  'the last one closed the connection (the library cannot refuse a frame otherwise); reconnected at once';

/**
 * `ws` past `maxPayload`: it reports this error and closes with 1009, or the peer's close never
 * comes and the code is 1006; the error is what tells.
 */
export function isTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/**
 * The same, under engine.io-client's wrapping: a TransportError whose `description` is the
 * WebSocket error event, whose `error` is what `ws` said.
 */
export function isTooLargeTransportError(details: unknown): boolean {
  const description = (details as { description?: unknown } | null)?.description;
  return isTooLarge((description as { error?: unknown } | null)?.error);
}

/** The link dropped only to refuse one frame: reconnect now and catch up. */
export function closedForLargeFrame(server: string): ConnectorError {
  return new ConnectorError(
    'network',
    `${server} sent a frame over ${MAX_FRAME_WORDS}; reconnecting at once`,
    { reconnectAtOnce: true },
  );
}

export type ParsedJson<T> =
  { ok: true; value: T } | { ok: false; kind: 'malformed' | 'nested too deep' };

/** A frame's JSON, refusing text that is not JSON, not `accept`ed, or nested too deep to walk. */
export function parseJsonFrame<T>(
  text: string,
  accept: (value: unknown) => value is T,
): ParsedJson<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'malformed' };
  }
  if (!accept(value)) return { ok: false, kind: 'malformed' };
  if (parsedNestsDeeperThan(text, value)) return { ok: false, kind: 'nested too deep' };
  return { ok: true, value };
}

/** The same checks on a value a library parsed already (socket.io). */
export function checkedFrame<T>(
  value: unknown,
  accept: (value: unknown) => value is T,
): ParsedJson<T> {
  if (!accept(value)) return { ok: false, kind: 'malformed' };
  if (nestsDeeperThan(value)) return { ok: false, kind: 'nested too deep' };
  return { ok: true, value };
}
