/** Reading untrusted wire values without trusting their types. */

export type WireObject = Record<string, unknown>;

export function objectOf(value: unknown): WireObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A frame part that is not what the protocol says: the caller logs it and goes on. */
export class MalformedFrame extends Error {
  override name = 'MalformedFrame';
}
