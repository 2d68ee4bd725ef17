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
  try {
    text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  } catch (error) {
    return {
      text: `(not kept: ${error instanceof Error ? error.message : String(error)})`,
      cut: true,
    };
  }
  if (text === undefined) return undefined;
  return text.length > limit ? { text: text.slice(0, limit), cut: true } : { text, cut: false };
}
