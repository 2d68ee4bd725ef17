import type { RawData } from 'ws';
import type { BadFrameKind } from '../../core/bad-frames.js';
import { parsedNestsDeeperThan } from '../../core/json-depth.js';

/** One DDP message as it came off the wire: an object, its fields not yet checked. */
export type Frame = Record<string, unknown>;

/** Why a frame was not read, and what the log and the count beside the status say of it. */
export class RefusedFrame {
  constructor(
    readonly kind: BadFrameKind,
    readonly fields: Record<string, unknown>,
  ) {}
}

/**
 * A websocket message as a DDP frame, parsed once, or why it is refused: binary, not JSON, not
 * an object, or nested too deep. Handlers, EJSON and previews walk and serialise frames
 * recursively, so a frame that nests too deep never reaches them.
 */
export function readFrame(data: RawData, isBinary: boolean): Frame | RefusedFrame {
  if (isBinary) return new RefusedFrame('malformed', { binary: true });
  const text = data.toString();
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return new RefusedFrame('malformed', { preview: preview(text) });
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return new RefusedFrame('malformed', { preview: preview(text) });
  if (parsedNestsDeeperThan(text, frame))
    return new RefusedFrame('nested too deep', { preview: preview(text) });
  return frame as Frame;
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
