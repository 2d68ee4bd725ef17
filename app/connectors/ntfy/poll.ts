import { MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { httpRefusal, refusalDetail } from '../shared/http-refusal.js';
import { chunksOf, LineSplitter } from './json-stream.js';
import type { NtfyFrame } from './mapper.js';
import { readFrame, type StreamEvents } from './stream.js';

/**
 * `GET /<topics>/json?poll=1&since=…`: the cached messages, oldest first, then the server
 * closes (no `open` event). Lines too long or not JSON are refused as on the live stream.
 */
export async function pollCached(
  url: string,
  headers: Record<string, string>,
  events: Pick<StreamEvents, 'refused'>,
  timeoutMs: number,
): Promise<NtfyFrame[]> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || !response.body)
    throw httpRefusal('ntfy', response.status, refusalDetail(await response.text()));
  const lines = new LineSplitter(MAX_FRAME_BYTES, (bytes) =>
    events.refused('too large', { size: bytes, limit: MAX_FRAME_BYTES }),
  );
  const frames: NtfyFrame[] = [];
  const take = (line: string) => {
    const frame = readFrame(line, events);
    if (frame) frames.push(frame);
  };
  for await (const chunk of chunksOf(response.body))
    for (const line of lines.push(chunk)) take(line);
  for (const line of lines.push(Buffer.from('\n'))) take(line);
  return frames;
}
