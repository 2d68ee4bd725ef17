import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../core/log.js';
import { SYSTEM_DND_UNKNOWN, type SystemDndState } from '../core/rules/system-dnd.js';
import { StateCell, type SystemDnd } from './system-dnd.js';

/**
 * Windows Focus Assist / "Do not disturb" and quiet hours. NOT RUN HERE: Tidings is built and
 * tested on Linux; only the decision below is tested, from recorded values.
 *
 * The documented way a desktop program asks is SHQueryUserNotificationState (shell32,
 * QUERY_USER_NOTIFICATION_STATE). A pure-JavaScript app cannot call Win32 itself, so one
 * PowerShell process calls it every POLL_SECONDS and prints the number. Focus Assist's own
 * state is kept only in undocumented places (WNF, the CloudStore); whether every Windows build
 * reports it as quiet time is not something this machine can tell.
 */
const POLL_SECONDS = 15;

/** QUERY_USER_NOTIFICATION_STATE, as Microsoft documents it. */
const STATES: Record<number, SystemDndState> = {
  1: { state: 'off', source: 'Windows' }, // QUNS_NOT_PRESENT: locked; Windows keeps toasts
  2: { state: 'on', source: 'Windows: a full-screen app or presentation settings' }, // QUNS_BUSY
  3: { state: 'on', source: 'Windows: a full-screen Direct3D app' }, // RUNNING_D3D_FULL_SCREEN
  4: { state: 'on', source: 'Windows: presentation mode' }, // QUNS_PRESENTATION_MODE
  5: { state: 'off', source: 'Windows' }, // QUNS_ACCEPTS_NOTIFICATIONS
  6: { state: 'on', source: 'Windows: quiet time' }, // QUNS_QUIET_TIME
  7: { state: 'off', source: 'Windows' }, // QUNS_APP: a Store app in front
};

/** The decision, pure, from one line the PowerShell loop prints ("5"). */
export function windowsNotificationState(line: string): SystemDndState {
  const value = /^\s*(\d+)\s*$/.exec(line)?.[1];
  return (value !== undefined && STATES[Number(value)]) || SYSTEM_DND_UNKNOWN;
}

const SCRIPT = `
Add-Type -Namespace Tidings -Name Shell -MemberDefinition '[DllImport("shell32.dll")] public static extern int SHQueryUserNotificationState(out int state);'
while ($true) {
  $state = 0
  if ([Tidings.Shell]::SHQueryUserNotificationState([ref]$state) -eq 0) { [Console]::Out.WriteLine($state) } else { [Console]::Out.WriteLine('error') }
  [Console]::Out.Flush()
  Start-Sleep -Seconds ${POLL_SECONDS}
}`;

export function windowsFocusAssistDnd(log: Logger): SystemDnd {
  const cell = new StateCell();
  let closed = false;
  const child: ChildProcess = spawn(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', SCRIPT],
    { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true },
  );
  const unreadable = (why: string) => {
    cell.set(SYSTEM_DND_UNKNOWN);
    if (!closed) log.warn(`Windows' do-not-disturb cannot be read: ${why}`);
  };
  child.on('error', (error) => unreadable(error.message));
  child.on('exit', () => unreadable('PowerShell ended'));
  createInterface({ input: child.stdout! }).on('line', (line) =>
    cell.set(windowsNotificationState(line)),
  );
  return {
    current: () => cell.get(),
    onChange: (listener) => cell.onChange(listener),
    close: () => {
      closed = true;
      child.kill();
      return Promise.resolve();
    },
  };
}
