import { readFile } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { SystemDndState } from '../core/rules/system-dnd.js';
import { SYSTEM_DND_UNKNOWN } from '../core/rules/system-dnd.js';
import { StateCell, type SystemDnd } from './system-dnd.js';

/**
 * macOS Focus (macOS 12 and later). NOT RUN HERE: Tidings is built and tested on Linux; only the
 * decision below is tested, from recorded files.
 *
 * Apple's documented way, INFocusStatusCenter (Intents framework), needs native code and the
 * Communication Notifications entitlement, which a pure-JavaScript app cannot have. What remains
 * is the file the Focus daemon (donotdisturbd) keeps of the Focus turned on by hand:
 * ~/Library/DoNotDisturb/DB/Assertions.json. Apple does not document it; reading it may need
 * Full Disk Access. A Focus turned on by a schedule is not in it. Unreadable: unknown.
 */
export const ASSERTIONS_FILE = join(homedir(), 'Library', 'DoNotDisturb', 'DB', 'Assertions.json');
const POLL_MS = 60_000;

const MODE_NAMES: Record<string, string> = {
  'com.apple.donotdisturb.mode.default': 'Do Not Disturb',
  'com.apple.sleep.sleep-mode': 'Sleep',
  'com.apple.donotdisturb.mode.driving': 'Driving',
  'com.apple.focus.work': 'Work',
  'com.apple.focus.personal': 'Personal',
};

interface Assertion {
  assertionDetails?: { assertionDetailsModeIdentifier?: unknown };
}

/** The decision, pure: any assertion record means a Focus is on; none, that none is. */
export function macFocusState(assertions: unknown): SystemDndState {
  const data = (assertions as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return SYSTEM_DND_UNKNOWN;
  const records = data.flatMap((entry: { storeAssertionRecords?: unknown }) =>
    Array.isArray(entry?.storeAssertionRecords) ? (entry.storeAssertionRecords as Assertion[]) : [],
  );
  if (records.length === 0) return { state: 'off', source: 'macOS Focus' };
  const mode = records.at(-1)?.assertionDetails?.assertionDetailsModeIdentifier;
  const name = typeof mode === 'string' ? (MODE_NAMES[mode] ?? 'a Focus') : 'a Focus';
  return { state: 'on', source: `macOS Focus: ${name}` };
}

export function macFocusDnd(log: Logger, clock: Clock, file = ASSERTIONS_FILE): SystemDnd {
  const cell = new StateCell();
  let closed = false;
  let saidUnreadable = false;
  let timer: TimerHandle | undefined;
  let watcher: FSWatcher | undefined;

  const read = async () => {
    try {
      cell.set(macFocusState(JSON.parse(await readFile(file, 'utf8'))));
      saidUnreadable = false;
    } catch (error) {
      cell.set(SYSTEM_DND_UNKNOWN);
      if (!saidUnreadable) log.warn('macOS Focus cannot be read', { file, error: String(error) });
      saidUnreadable = true;
    }
  };
  const poll = () => {
    if (closed) return;
    void read().finally(() => {
      if (!closed) timer = clock.setTimeout(poll, POLL_MS);
    });
  };
  try {
    // The daemon rewrites the file as Focus changes; the poll catches what a watch misses.
    watcher = watch(join(file, '..'), () => void read());
    watcher.on('error', () => watcher?.close());
  } catch {
    // No folder to watch (not macOS, or no Focus used yet): the poll alone.
  }
  poll();
  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      if (timer) clock.clearTimeout(timer);
      watcher?.close();
      return Promise.resolve();
    },
  };
}
