import { SYSTEM_DND_UNKNOWN, type SystemDndState } from '../core/rules/system-dnd.js';

export type { SystemDndState } from '../core/rules/system-dnd.js';

/**
 * The operating system's own do-not-disturb, as one detector (or several together) sees it:
 * the state now and each change. Both front ends hand it to the pipeline (setSystemDnd).
 */
export interface SystemDnd {
  current(): SystemDndState;
  /** Called after each change of state; returns the unsubscribe. */
  onChange(listener: (state: SystemDndState) => void): () => void;
  /** Stops watching: no more changes, no timers, no connections, no child processes. */
  close(): Promise<void>;
}

export function sameState(a: SystemDndState, b: SystemDndState): boolean {
  return a.state === b.state && a.source === b.source;
}

/** The state and its listeners, for detectors: `set` tells the listeners only on a change. */
export class StateCell {
  private state: SystemDndState = SYSTEM_DND_UNKNOWN;
  private readonly listeners = new Set<(state: SystemDndState) => void>();

  get(): SystemDndState {
    return this.state;
  }

  set(state: SystemDndState): void {
    if (sameState(state, this.state)) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  onChange(listener: (state: SystemDndState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Several detectors as one (KDE's or dunst's switch on the bus, GNOME's setting): on when any
 * says on, off when none does and one can tell, unknown when none can.
 */
export function combineStates(states: readonly SystemDndState[]): SystemDndState {
  const on = states.find((s) => s.state === 'on');
  if (on) return on;
  return states.find((s) => s.state === 'off') ?? SYSTEM_DND_UNKNOWN;
}

export function combineDetectors(detectors: readonly SystemDnd[]): SystemDnd {
  const cell = new StateCell();
  const update = () => cell.set(combineStates(detectors.map((d) => d.current())));
  const unsubscribe = detectors.map((d) => d.onChange(update));
  update();
  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: async () => {
      for (const stop of unsubscribe) stop();
      await Promise.all(detectors.map((d) => d.close()));
    },
  };
}

/** Where nothing can be read: always unknown, so Tidings goes by its own settings. */
export const noSystemDnd: SystemDnd = {
  current: () => SYSTEM_DND_UNKNOWN,
  onChange: () => () => {},
  close: () => Promise.resolve(),
};
