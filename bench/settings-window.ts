// The settings window's first History page, measured in Chromium in a child process (the
// desktop controller needs `electron`, here the test double).
import { fork } from 'node:child_process';
import type { SettingsWindowReport } from './settings-window-child.js';

export type { SettingsWindowReport };

export function settingsWindow(entries: number): Promise<SettingsWindowReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./settings-window-child.ts', import.meta.url), {
      execArgv: ['--import', './bench/electron-double-hook.js', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { report?: SettingsWindowReport; error?: string }) => {
      if (message.report) resolve(message.report);
      else reject(new Error(`settings window: ${message.error ?? 'no report'}`));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`settings window bench exited with ${code}`));
    });
    child.send({ entries });
  });
}
