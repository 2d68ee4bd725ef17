/** Resolves when `done()` is true, checking every `intervalMs`; rejects after `timeoutMs`. */
export function waitUntil(
  done: () => boolean,
  what: string | (() => string),
  timeoutMs = 120_000,
  intervalMs = 2,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (done()) return resolve();
      if (Date.now() - started > timeoutMs)
        return reject(
          new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`),
        );
      setTimeout(check, intervalMs);
    };
    check();
  });
}
