// What runs inside the Chromium page. Electron runs a sandboxed preload in an isolated world and
// lets it hand the page world an API through `contextBridge`; the stand-in does the same with the
// DevTools protocol: the preload runs in an isolated world of its own (Page.addScriptToEvaluate-
// OnNewDocument with a worldName), and the two worlds talk only through synchronous DOM events
// with JSON strings (the DOM is the one thing two worlds share). As in Electron, functions cross
// as proxies, promises as promises, and every other value is copied and frozen.
//
// These functions are sent to the page as source text (Function.prototype.toString, after Node
// has stripped the types), so they use nothing from this module's scope.

/** One end of the bridge between the two worlds: both run it, each with its side. */
export function bridgeEnd(token: string, side: 'main' | 'preload') {
  type Shape =
    | { v: string | number | boolean | null }
    | { u: 1 }
    | { f: number }
    | { p: number }
    | { e: string }
    | { a: Shape[] }
    | { o: Record<string, Shape> };
  type Message =
    | { t: 'hello' }
    | { t: 'expose'; key: string; shape: Shape }
    | { t: 'call'; callId: number; fnId: number; args: Shape[] }
    | { t: 'return'; callId: number; result: Shape }
    | { t: 'throw'; callId: number; message: string }
    | { t: 'settle'; pid: number; ok: boolean; value: Shape };

  // Taken before any page script runs, so the page cannot swap them under the bridge.
  const doc = document;
  const CustomEventOf = CustomEvent;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const isArray = Array.isArray;
  const other = side === 'main' ? 'preload' : 'main';

  const functions: ((...args: unknown[]) => unknown)[] = [];
  const promises: Promise<unknown>[] = [];
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const answers = new Map<number, Message>();
  const exposed: { key: string; shape: Shape }[] = [];
  let calls = 0;

  const send = (message: Message) =>
    doc.dispatchEvent(new CustomEventOf(`${token}:${other}`, { detail: stringify(message) }));

  function encode(value: unknown): Shape {
    if (typeof value === 'function') return { f: functions.push(value as never) - 1 };
    if (value instanceof Promise) {
      const pid = promises.push(value) - 1;
      value.then(
        (result) => send({ t: 'settle', pid, ok: true, value: encode(result) }),
        (error) =>
          send({ t: 'settle', pid, ok: false, value: { e: String(error?.message ?? error) } }),
      );
      return { p: pid };
    }
    if (value === undefined) return { u: 1 };
    if (value instanceof Error) return { e: value.message };
    if (isArray(value)) return { a: value.map(encode) };
    if (value !== null && typeof value === 'object') {
      const fields: Record<string, Shape> = {};
      for (const [key, field] of Object.entries(value)) fields[key] = encode(field);
      return { o: fields };
    }
    return { v: value as string | number | boolean | null };
  }

  function decode(shape: Shape): unknown {
    if ('u' in shape) return undefined;
    if ('v' in shape) return shape.v;
    if ('e' in shape) return new Error(shape.e);
    if ('f' in shape) {
      const fnId = shape.f;
      return (...args: unknown[]) => callOther(fnId, args);
    }
    if ('p' in shape)
      return new Promise((resolve, reject) => waiting.set(shape.p, { resolve, reject }));
    if ('a' in shape) return freeze(shape.a.map(decode));
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape.o)) copy[key] = decode(field);
    return freeze(copy);
  }

  /** Calls a function of the other world; its answer comes back inside this dispatch. */
  function callOther(fnId: number, args: unknown[]): unknown {
    const callId = ++calls;
    send({ t: 'call', callId, fnId, args: args.map(encode) });
    const answer = answers.get(callId);
    answers.delete(callId);
    if (!answer) throw new Error('contextBridge: the other world did not answer');
    if (answer.t === 'throw') throw new Error(answer.message);
    if (answer.t !== 'return') throw new Error('contextBridge: unexpected answer');
    return decode(answer.result);
  }

  doc.addEventListener(`${token}:${side}`, (event) => {
    const message = parse((event as CustomEvent<string>).detail) as Message;
    switch (message.t) {
      case 'hello':
        for (const exposure of exposed) send({ t: 'expose', ...exposure });
        return;
      case 'expose':
        if (message.key in window) return;
        defineProperty(window, message.key, { value: decode(message.shape), enumerable: true });
        return;
      case 'call': {
        const fn = functions[message.fnId];
        try {
          if (!fn) throw new Error('contextBridge: unknown function');
          const result = fn(...message.args.map(decode));
          send({ t: 'return', callId: message.callId, result: encode(result) });
        } catch (error) {
          send({
            t: 'throw',
            callId: message.callId,
            message: String((error as Error)?.message ?? error),
          });
        }
        return;
      }
      case 'return':
      case 'throw':
        answers.set(message.callId, message);
        return;
      case 'settle': {
        const pending = waiting.get(message.pid);
        waiting.delete(message.pid);
        if (!pending) return;
        const value = decode(message.value);
        if (message.ok) pending.resolve(value);
        else pending.reject(value instanceof Error ? value : new Error(String(value)));
        return;
      }
    }
  });

  if (side === 'main') send({ t: 'hello' });

  return {
    /** contextBridge.exposeInMainWorld, from the preload's world. */
    expose(key: string, api: unknown): void {
      if (typeof key !== 'string' || key === '') throw new Error('exposeInMainWorld: bad key');
      const exposure = { key, shape: encode(api) };
      exposed.push(exposure);
      send({ t: 'expose', ...exposure });
    },
  };
}

/**
 * The preload's world: Electron's sandboxed preload environment, where `require` knows only
 * `electron` (here: contextBridge and ipcRenderer), and `ipcRenderer` reaches main through a
 * DevTools binding that exists in this world only.
 */
export function preloadWorld(
  token: string,
  bindingName: string,
  platform: string,
  run: (
    require: (name: string) => unknown,
    module: { exports: unknown },
    exports: unknown,
    process: object,
  ) => void,
  makeBridge: typeof bridgeEnd,
): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  const binding = scope[bindingName] as (payload: string) => void;
  delete scope[bindingName];
  const toMain = (message: object) => binding(JSON.stringify(message));

  type Listener = (event: object, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let invokes = 0;

  const ipcRenderer = {
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      const once: Listener = (event, ...args) => {
        ipcRenderer.removeListener(channel, once);
        listener(event, ...args);
      };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel: string, listener: Listener) {
      const list = listeners.get(channel) ?? [];
      const at = list.indexOf(listener);
      if (at >= 0) listeners.set(channel, [...list.slice(0, at), ...list.slice(at + 1)]);
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
    listenerCount(channel: string) {
      return listeners.get(channel)?.length ?? 0;
    },
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const id = ++invokes;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        toMain({ kind: 'invoke', id, channel, args });
      });
    },
    send(channel: string, ...args: unknown[]) {
      toMain({ kind: 'send', channel, args });
    },
    sendSync(): never {
      throw new Error('ipcRenderer.sendSync is not supported by the Electron stand-in');
    },
  };

  // How main answers (webContents.send, invoke replies): evaluated in this world only.
  Object.defineProperty(globalThis, '__electronStandin', {
    value: Object.freeze({
      deliver(channel: string, argsJson: string) {
        const args = JSON.parse(argsJson) as unknown[];
        const event = { sender: ipcRenderer, senderId: 0, ports: [] };
        for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
      },
      settle(id: number, ok: boolean, json: string) {
        const waiting = pending.get(id);
        pending.delete(id);
        if (!waiting) return;
        if (ok) waiting.resolve(json === undefined ? undefined : JSON.parse(json));
        else waiting.reject(new Error(json));
      },
    }),
  });

  const bridge = makeBridge(token, 'preload');
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => bridge.expose(key, api),
    exposeInIsolatedWorld: () => {
      throw new Error('contextBridge.exposeInIsolatedWorld is not supported by the stand-in');
    },
  };
  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const require = (name: string) => {
    if (name === 'electron' || name === 'electron/renderer') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  const process = Object.freeze({
    platform,
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  });
  try {
    run(require, module, module.exports, process);
  } catch (error) {
    // Electron logs a failed preload and loads the page anyway.
    toMain({ kind: 'preload-error', message: String((error as Error)?.stack ?? error) });
  }
}
