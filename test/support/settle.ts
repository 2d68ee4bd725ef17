/** Lets every pending promise callback run (connect results, close, catch-up). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
