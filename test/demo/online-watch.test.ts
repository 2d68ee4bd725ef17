import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchOnline } from '../../demo/online-watch.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the demo says whether its accounts came online', () => {
  it('prints one line once every account is online, and nothing more', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const watch = watchOnline(['chat', 'dino'], (t) => said.push(t));
    watch.status('chat', 'online');
    expect(said).toEqual([]);
    watch.status('dino', 'online');
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['every account is online: chat, dino']);
  });

  it('names the ones that are not online after 30 s, with their state', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const watch = watchOnline(['chat', 'dino', 'shop'], (t) => said.push(t));
    watch.status('chat', 'online');
    watch.status('dino', 'reconnecting');
    vi.advanceTimersByTime(30_000);
    watch.status('dino', 'online');
    expect(said).toEqual(['not online after 30 s: dino (reconnecting), shop (connecting)']);
  });
});
