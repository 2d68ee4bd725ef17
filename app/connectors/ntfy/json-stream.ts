import { ConnectorError } from '../../core/connector.js';
import { MAX_FRAME_BYTES } from '../shared/frame-limit.js';
import { httpRefusal, refusalDetail } from '../shared/http-refusal.js';
import { SilenceWatch } from '../shared/silence-watch.js';
import type { NtfyFrame } from './mapper.js';
import {
  openTimeout,
  readFrame,
  type NtfyStream,
  type StreamEvents,
  type StreamOptions,
} from './stream.js';

/**
 * `GET /<topics>/json` (server.go handleSubscribeHTTP): one JSON object per line, `open` first,
 * a `keepalive` line every keepalive interval. Unlike the WebSocket, a line too long to keep
 * can be skipped to its end without dropping the link.
 */
export class JsonStream implements NtfyStream {
  private readonly abort = new AbortController();
  private watch: SilenceWatch | undefined;
  private opened = false;
  private closing = false;

  constructor(
    private readonly options: StreamOptions,
    private readonly events: StreamEvents,
  ) {}

  open(): Promise<NtfyFrame> {
    return new Promise((resolve, reject) => {
      const fail = (error: ConnectorError) => {
        clearTimeout(timer);
        reject(error);
        this.abort.abort();
      };
      const timer = openTimeout(this.options.connectTimeoutMs, fail);
      const onOpen = (frame: NtfyFrame) => {
        this.opened = true;
        clearTimeout(timer);
        this.watch = new SilenceWatch(
          this.options.keepAliveMs,
          () => {},
          (silentMs) =>
            this.end(
              new ConnectorError(
                'network',
                `ntfy sent nothing for ${Math.round(silentMs / 1000)} s (no keepalive)`,
              ),
            ),
        );
        this.watch.start();
        this.events.opened(frame);
        resolve(frame);
      };
      this.run(onOpen).then(
        () => {
          if (!this.opened)
            fail(new ConnectorError('network', 'ntfy ended the stream before it opened'));
          else this.end(new ConnectorError('network', 'ntfy ended the stream'));
        },
        (error: unknown) => {
          const failure =
            error instanceof ConnectorError
              ? error
              : new ConnectorError('network', causeOf(error), { cause: error });
          if (!this.opened) fail(failure);
          else this.end(failure);
        },
      );
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.watch?.stop();
    this.abort.abort();
    return Promise.resolve();
  }

  private end(error: ConnectorError): void {
    this.watch?.stop();
    this.abort.abort();
    if (!this.closing) {
      this.closing = true;
      this.events.lost(error);
    }
  }

  private async run(onOpen: (frame: NtfyFrame) => void): Promise<void> {
    const response = await fetch(this.options.url, {
      headers: this.options.headers,
      signal: this.abort.signal,
    });
    if (!response.ok || !response.body)
      throw httpRefusal('ntfy', response.status, refusalDetail(await response.text()));
    const lines = new LineSplitter(MAX_FRAME_BYTES, (bytes) =>
      this.events.refused('too large', { size: bytes, limit: MAX_FRAME_BYTES }),
    );
    for await (const chunk of chunksOf(response.body)) {
      this.watch?.heard();
      for (const line of lines.push(chunk)) {
        const frame = readFrame(line, this.events);
        if (!frame) continue;
        if (!this.opened && frame.event === 'open') onOpen(frame);
        else this.events.frame(frame);
      }
    }
  }
}

/**
 * Splits a byte stream into lines, never holding more than `limit` bytes of one: a longer line
 * is reported once and skipped to its newline.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = 0;

  constructor(
    private readonly limit: number,
    private readonly tooLong: (bytes: number) => void,
  ) {}

  *push(chunk: Uint8Array): Generator<string> {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      if (this.skipping > 0 || this.pendingBytes + piece.length > this.limit) {
        this.tooLong(this.skipping + this.pendingBytes + piece.length);
        this.skipping = 0;
      } else {
        const line = Buffer.concat([...this.pending, piece]).toString('utf8');
        if (line.trim() !== '') yield line;
      }
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) return;
    if (this.skipping > 0 || this.pendingBytes + rest.length > this.limit) {
      this.skipping += this.pendingBytes + rest.length;
      this.pending = [];
      this.pendingBytes = 0;
    } else {
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
    }
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The chunks of a fetch body (the DOM typings lack its async iterator). */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
