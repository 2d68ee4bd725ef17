// `ipcMain` (api/ipc-main.md): `handle` answers a renderer's `ipcRenderer.invoke`, `on` hears its
// `send`. A handler's throw reaches the renderer as Electron words it (lib/browser/api/
// web-contents.ts sends `error.toString()`; lib/renderer/api/ipc-renderer.ts rejects with
// "Error invoking remote method '<channel>': <that>").
import { EventEmitter } from 'node:events';

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter {
  private readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A renderer's invoke: the result, or the error text the renderer will see. */
  async invokeFrom(
    event: Electron.IpcMainInvokeEvent,
    channel: string,
    args: unknown[],
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
    const handler = this.handlers.get(channel);
    try {
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return { ok: true, value: await handler(event, ...args) };
    } catch (error) {
      return {
        ok: false,
        error: `Error invoking remote method '${channel}': ${String(error)}`,
      };
    }
  }
}

export const ipcMain = new IpcMain() satisfies Pick<
  Electron.IpcMain,
  'handle' | 'handleOnce' | 'removeHandler'
>;
