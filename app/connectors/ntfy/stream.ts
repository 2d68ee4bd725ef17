import type { BadFrameKind } from '../../core/bad-frames.js';
import { ConnectorError } from '../../core/connector.js';
import { parseJsonFrame } from '../shared/frame-limit.js';
import { isNtfyFrame, type NtfyFrame } from './mapper.js';

/** What a subscription reports, over the WebSocket and the JSON stream alike. */
export interface StreamEvents {
  /** The server's `open` event: the subscription is live. */
  opened(frame: NtfyFrame): void;
  frame(frame: NtfyFrame): void;
  refused(kind: BadFrameKind, fields: Record<string, unknown>): void;
  /** The live subscription ended after its `open` event. */
  lost(error: ConnectorError): void;
}

export interface StreamOptions {
  /** `…/<topics>/ws` or `…/<topics>/json`, with its query (since, auth). */
  url: string;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** A link silent this long (no keepalive, no ping) is dead: see SilenceWatch. */
  keepAliveMs: number;
}

/** One live subscription: resolves `open()` with the server's `open` event. */
export interface NtfyStream {
  open(): Promise<NtfyFrame>;
  close(): Promise<void>;
}

/** A WebSocket refused in a way the JSON stream may not be (a proxy without upgrades). */
export class UpgradeRefused extends ConnectorError {}

/** The text of one frame as an ntfy frame, or the reason it was refused (reported, never thrown). */
export function readFrame(
  text: string,
  events: Pick<StreamEvents, 'refused'>,
): NtfyFrame | undefined {
  const parsed = parseJsonFrame(text, isNtfyFrame);
  if (parsed.ok) return parsed.value;
  events.refused(parsed.kind, { sample: text.slice(0, 120) });
  return undefined;
}

export function openTimeout(ms: number, fail: (error: ConnectorError) => void): NodeJS.Timeout {
  const timer = setTimeout(
    () => fail(new ConnectorError('network', `no open event within ${ms / 1000} s`)),
    ms,
  );
  timer.unref();
  return timer;
}
