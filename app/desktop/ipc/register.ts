import { ipcMain } from 'electron';
import type { Logger } from '../../core/log.js';
import { channelOf } from '../../ipc/contract.js';
import { METHODS } from '../../ipc/requests.js';
import { IpcRefused, dispatch, senderProblem } from './dispatch.js';
import type { Handlers } from './handlers.js';

/**
 * One `ipcMain.handle` per method of the contract. Every message is checked for its sender (the
 * settings window's webContents, on the settings page) before its payload is even read.
 */
export function registerIpc(options: {
  handlers: Handlers;
  log: Logger;
  window(): { webContentsId: number; origin: string } | undefined;
}): () => void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), (event, payload: unknown) => {
      const problem = senderProblem(
        { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url },
        options.window(),
      );
      if (problem) {
        options.log.warn('IPC refused: unknown sender', { method, reason: problem });
        throw new IpcRefused(`refused: ${problem}`);
      }
      return dispatch(options.handlers, method, payload, options.log);
    });
  }
  return () => {
    for (const method of METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
