/**
 * One plain line when every demo account is online, or, after `patienceMs`, one naming those
 * that are not (with their state), so a first run says clearly whether it worked.
 */
export function watchOnline(
  accounts: readonly string[],
  say: (text: string) => void,
  patienceMs = 30_000,
): { status(account: string, state: string): void; stop(): void } {
  const states = new Map(accounts.map((id) => [id, 'connecting']));
  let done = false;
  const timer = setTimeout(() => {
    if (done) return;
    done = true;
    const waiting = [...states].filter(([, state]) => state !== 'online');
    say(
      `not online after ${patienceMs / 1000} s: ${waiting.map(([id, state]) => `${id} (${state})`).join(', ')}`,
    );
  }, patienceMs);
  return {
    status(account, state) {
      if (done || !states.has(account)) return;
      states.set(account, state);
      if ([...states.values()].every((s) => s === 'online')) {
        done = true;
        clearTimeout(timer);
        say(`every account is online: ${accounts.join(', ')}`);
      }
    },
    stop: () => clearTimeout(timer),
  };
}
