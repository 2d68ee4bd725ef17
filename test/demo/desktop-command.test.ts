// `npm run demo` (desktop mode) on a machine without Electron's binary runs the app on the
// stand-in and says so, instead of `npm start` failing at once ("the app exited (1)").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { desktopCommand } from '../../demo/desktop-command.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it('without Electron: npm start -- --standin, with a sentence saying why', () => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-demo-command-'));
  const chosen = desktopCommand(dir, {});
  expect(chosen.command).toEqual(['npm', 'start', '--', '--standin']);
  expect(chosen.note).toMatch(/^Electron is not installed here, so the desktop app runs on the/);
});

it('the command TIDINGS_DEMO_DESKTOP names comes first, said nothing about', () => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-demo-command-'));
  const chosen = desktopCommand(dir, { TIDINGS_DEMO_DESKTOP: 'node main.js' });
  expect(chosen).toEqual({ command: ['node', 'main.js'] });
});
