import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';

let app: DesktopHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function entry(seq: number, id: string, body: string) {
  const { raw: _raw, ...event } = makeEvent({ id, body });
  return { seq, receivedAt: Date.now() - 60_000 + seq, event, decision: 'shown', reason: 'shown' };
}

describe('desktop app: state in the data folder', () => {
  it("moves electron-store's history into the database, and sets aside an unread file of the wrong shape", async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidings-desktop-state-'));
    const history = { entries: [entry(1, 'a', 'Deploy finished'), entry(2, 'b', 'lunch?')] };
    app = startDesktop({
      dir,
      files: { 'history.json': JSON.stringify(history), 'unread.json': '[null]' },
    });
    const listed = app.controller.listHistory({ text: 'deploy' }).entries;
    expect(listed.map((e) => e.body)).toEqual(['Deploy finished']);
    expect(app.controller.listHistory({}).entries).toHaveLength(2);
    expect(existsSync(join(dir, 'history.json.migrated'))).toBe(true);
    const aside = readdirSync(dir).filter((name) => name.startsWith('unread.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('[null]');
    expect(readFileSync(app.logFile, 'utf8')).toContain('set aside');

    // A restart on the same folder finds the same history, from the database.
    await app.stop();
    app = startDesktop({ dir });
    expect(app.controller.listHistory({}).entries.map((e) => e.body)).toEqual([
      'lunch?',
      'Deploy finished',
    ]);
  });
});
