// The OS services the app asks for, each as its Electron doc describes, driven by the test:
// shell.openExternal (api/shell.md) is recorded, dialogs (api/dialog.md) answer what the test
// scripted (cancelled when nothing was), powerMonitor (api/power-monitor.md) and net.isOnline
// (api/net.md) follow the test's `power` and `online` commands.
import { EventEmitter } from 'node:events';
import { onCommand, report } from './control.ts';

export const shell = {
  openExternal(url: string, _options?: Electron.OpenExternalOptions): Promise<void> {
    report('open-external', { url });
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    report('open-path', { path });
    return Promise.resolve('');
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath'>;

const scripted = {
  save: [] as Electron.SaveDialogReturnValue[],
  open: [] as Electron.OpenDialogReturnValue[],
};

function optionsOf<T>(windowOrOptions: unknown, options?: T): T {
  return (options ?? windowOrOptions) as T;
}

export const dialog = {
  showSaveDialog(
    windowOrOptions: Electron.BaseWindow | Electron.SaveDialogOptions,
    maybeOptions?: Electron.SaveDialogOptions,
  ): Promise<Electron.SaveDialogReturnValue> {
    report('dialog', { kind: 'save', options: optionsOf(windowOrOptions, maybeOptions) });
    return Promise.resolve(scripted.save.shift() ?? { canceled: true, filePath: '' });
  },
  showOpenDialog(
    windowOrOptions: Electron.BaseWindow | Electron.OpenDialogOptions,
    maybeOptions?: Electron.OpenDialogOptions,
  ): Promise<Electron.OpenDialogReturnValue> {
    report('dialog', { kind: 'open', options: optionsOf(windowOrOptions, maybeOptions) });
    return Promise.resolve(scripted.open.shift() ?? { canceled: true, filePaths: [] });
  },
} satisfies Pick<Electron.Dialog, 'showSaveDialog' | 'showOpenDialog'>;

onCommand('scriptDialog', (command) => {
  if (command.kind === 'save')
    scripted.save.push({ canceled: false, filePath: String(command.filePath) });
  else scripted.open.push({ canceled: false, filePaths: [String(command.filePath)] });
  return true;
});

class PowerMonitor extends EventEmitter {
  getSystemIdleState(_threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return 'active';
  }
  getSystemIdleTime(): number {
    return 0;
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}
export const powerMonitor = new PowerMonitor() satisfies Pick<
  Electron.PowerMonitor,
  'getSystemIdleState' | 'getSystemIdleTime' | 'isOnBatteryPower'
>;

const POWER_EVENTS = new Set([
  'suspend',
  'resume',
  'lock-screen',
  'unlock-screen',
  'on-ac',
  'on-battery',
]);
onCommand('power', (command) => {
  const event = String(command.event);
  if (!POWER_EVENTS.has(event)) throw new Error(`powerMonitor has no event ${event}`);
  powerMonitor.emit(event, {});
  return true;
});

let online = true;
export const net = {
  isOnline: () => online,
  get online() {
    return online;
  },
} satisfies Pick<Electron.Net, 'isOnline' | 'online'>;

onCommand('online', (command) => {
  online = command.online === true;
  return online;
});
