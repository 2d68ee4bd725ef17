// The settings window's preload: sandboxed, so it can require only `electron` and nothing of
// ours at run time. It exposes exactly the contract's methods (type-checked against
// app/ipc/contract.ts both ways) and the two push channels, never ipcRenderer itself.
// A sandboxed preload is a CommonJS script: `import … = require` is how TypeScript writes one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type { AppSnapshot, Method, TidingsBridge, WindowTarget } from '../ipc/contract.js' with {
  'resolution-mode': 'import',
};

const METHODS = [
  'getSnapshot',
  'saveAccount',
  'removeAccount',
  'testConnection',
  'listRooms',
  'findRooms',
  'saveNotifications',
  'setDnd',
  'accountAction',
  'listHistory',
  'openHistoryEntry',
  'setStartAtLogin',
  'exportSettings',
  'importSettings',
  'signInWithBrowser',
  'diagnostics',
  'sendTestNotification',
  'openLogFolder',
  'saveServerLevel',
  'sendTwoFactorCode',
] as const satisfies readonly Method[];

// Fails to compile when the contract gains a method this list lacks.
type Missing = Exclude<Method, (typeof METHODS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

function listen<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: T) => listener(value);
  electron.ipcRenderer.on(channel, wrapped);
  return () => electron.ipcRenderer.removeListener(channel, wrapped);
}

const bridge = Object.fromEntries(
  METHODS.map((method) => [
    method,
    (request: unknown) => electron.ipcRenderer.invoke(`tidings:${method}`, request),
  ]),
) as unknown as Omit<TidingsBridge, 'onSnapshot' | 'onPage'>;

const api: TidingsBridge = {
  ...bridge,
  onSnapshot: (listener) => listen<AppSnapshot>('tidings:snapshot', listener),
  onPage: (listener) => listen<WindowTarget>('tidings:page', listener),
};

electron.contextBridge.exposeInMainWorld('tidings', api);
