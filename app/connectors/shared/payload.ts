/**
 * Readers for JSON payloads whose shape no server guarantees: Dino relays what the community
 * backend writes, 3D Repo's events differ between versions. Ids come as strings or numbers,
 * times as epoch milliseconds or float seconds. Every reader returns `undefined` rather than
 * throwing.
 */
export type Payload = Record<string, unknown>;

export function isPayload(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function child(payload: Payload | undefined, key: string): Payload | undefined {
  const value = payload?.[key];
  return isPayload(value) ? value : undefined;
}

/** A non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An id written as a string or as a number; both mean the same user or message. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value)?.trim();
}

export function idsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(idOf).filter((id): id is string => id !== undefined);
}

export function intOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Below this a number is read as seconds: 1e11 seconds is the year 5138, 1e11 ms is 1973. */
const SECONDS_LIMIT = 1e11;

/** Epoch milliseconds from ms integers or float seconds; 0 and negatives mean "none" in Dino. */
export function epochMs(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
  return number < SECONDS_LIMIT ? Math.round(number * 1000) : Math.round(number);
}

/** The first of `keys` that holds a time. */
export function firstTime(payload: Payload, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const time = epochMs(payload[key]);
    if (time !== undefined) return time;
  }
  return undefined;
}
