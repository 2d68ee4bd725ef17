// socket.io-client 2.x (npm alias `socket.io-client-v2`) ships no types. This declares only
// what Tidings uses, as lib/index.js, lib/manager.js and lib/socket.js of 2.5.0 define it.
declare module 'socket.io-client-v2' {
  namespace lookup {
    /** Manager and engine.io-client options (a subset). */
    interface Options {
      path?: string;
      transports?: ('websocket' | 'polling')[];
      reconnection?: boolean;
      /** Milliseconds before the manager gives up connecting and emits `connect_timeout`. */
      timeout?: number;
      /** A Manager of its own instead of one shared per server address. */
      forceNew?: boolean;
    }

    /** A socket on one namespace. Incoming events are dispatched to listeners by name. */
    interface Socket {
      readonly connected: boolean;
      /** The transport's error (usually an Error, `"timeout"` in some paths). */
      on(event: 'connect_error', listener: (error: unknown) => void): this;
      on(event: 'connect_timeout', listener: (timeoutMs: number) => void): this;
      /** An ERROR packet from the server (e.g. a middleware refusal): a string or an object. */
      on(event: 'error', listener: (error: unknown) => void): this;
      on(event: 'disconnect', listener: (reason: string) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
      once(event: string, listener: (...args: unknown[]) => void): this;
      /** Without a listener: removes every listener of the event. */
      off(event: string, listener?: (...args: unknown[]) => void): this;
      /** Sends an event to the server (reserved names such as `connect` are local only). */
      emit(event: string, ...args: unknown[]): this;
      close(): this;
    }
  }

  /** `io(url, options)`: a socket on the url's namespace, connecting at once. */
  function lookup(uri: string, options?: lookup.Options): lookup.Socket;

  export = lookup;
}
