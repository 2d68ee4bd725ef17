/** How much of an event's raw frame history keeps: enough to debug and template, never megabytes. */
export const RAW_PAYLOAD_LIMIT = 64 * 1024;

export interface RawPayload {
  /** The frame as JSON text, at most RAW_PAYLOAD_LIMIT characters. */
  text: string;
  /** True when the frame was longer and `text` is its beginning only. */
  cut: boolean;
}

/** The raw frame as capped JSON text; a frame JSON cannot write (too deep, cyclic) says so. */
export function capRawPayload(raw: unknown, limit = RAW_PAYLOAD_LIMIT): RawPayload | undefined {
  if (raw === undefined) return undefined;
  let text: string | undefined;
  let shortened = false;
  try {
    // Long strings are cut as they are written, so a 1 MB message body never becomes a second
    // megabyte of JSON text only to be cut to the limit afterwards.
    text =
      typeof raw === 'string'
        ? raw
        : JSON.stringify(raw, (_key, value: unknown) => {
            if (typeof value !== 'string' || value.length <= limit) return value;
            shortened = true;
            return value.slice(0, limit);
          });
  } catch (error) {
    return {
      text: `(not kept: ${error instanceof Error ? error.message : String(error)})`,
      cut: true,
    };
  }
  if (text === undefined) return undefined;
  return text.length > limit ? { text: text.slice(0, limit), cut: true } : { text, cut: shortened };
}

/**
 * The capped raw frame, written as JSON text only when first read. History in memory keeps the
 * frames of its newest 200 entries and is seldom asked for one, so most events never pay for
 * JSON.stringify (the largest single cost of an event on the in-memory path, and ~1 KB of
 * garbage each); the state database reads it at once, as before. The frame must not change once
 * its event is emitted (no connector changes one).
 */
export function rawPayloadOf(raw: unknown): RawPayload | undefined {
  if (typeof raw !== 'object' || raw === null) return capRawPayload(raw);
  // A toJSON may answer undefined (then there is no payload): only known at once.
  if (typeof (raw as { toJSON?: unknown }).toJSON === 'function') return capRawPayload(raw);
  return new DeferredRawPayload(raw);
}

class DeferredRawPayload implements RawPayload {
  private frame: object | undefined;
  private capped: RawPayload | undefined;

  constructor(frame: object) {
    this.frame = frame;
  }

  get text(): string {
    return this.written().text;
  }

  get cut(): boolean {
    return this.written().cut;
  }

  private written(): RawPayload {
    if (!this.capped) {
      // An object without toJSON always writes as text, or throws (which capRawPayload says).
      this.capped = capRawPayload(this.frame)!;
      this.frame = undefined;
    }
    return this.capped;
  }
}
