import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../app/core/log.js';
import type { HistoryRetention } from '../../app/core/pipeline/history-store.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { openState, type DurableState } from '../../app/state/open-state.js';
import { makeSettings } from '../support/events.js';
import { RecordingSink } from '../support/recording-sink.js';
import { ManualClock } from '../support/manual-clock.js';
import { T0 } from '../support/events.js';

/** A logger that keeps what it was told, so a test can read the warnings. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  return { lines, debug: () => {}, info: log('info'), warn: log('warn'), error: log('error') };
}

/** A fresh folder per test, removed with `cleanup()`. */
export function stateFolder(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-state-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function open(
  dir: string,
  options: { clock?: ManualClock; retention?: Partial<HistoryRetention>; log?: Logger } = {},
): DurableState {
  return openState({
    dir,
    clock: options.clock ?? new ManualClock(T0),
    log: options.log ?? recordingLog(),
    ...(options.retention && { retention: options.retention }),
  });
}

/** One turn of the event loop: the batch of the turn before it has committed. */
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The pipeline as the app builds it over the state: history, unread counts, dedupe memory. */
export function pipelineOver(state: DurableState, clock: ManualClock): Pipeline {
  return new Pipeline({
    settings: makeSettings({ coalesceMs: 0 }),
    sink: new RecordingSink(),
    clock,
    history: state.history,
    unread: state.unread,
    dedupe: state.dedupe,
  });
}
