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
