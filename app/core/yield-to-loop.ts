/**
 * Lets the event loop run what waits (frames, timers, the UI's requests) before going on: long
 * work such as a catch-up of thousands of items does it between chunks.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
