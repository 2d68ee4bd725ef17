// Electron hands listeners an event object with preventDefault(); whoever emitted it reads
// `defaultPrevented` afterwards (before-quit, will-navigate, close…).
export interface StandinEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function electronEvent<T extends object>(fields: T = {} as T): T & StandinEvent {
  let prevented = false;
  // defineProperties, not Object.assign: a getter must stay a getter.
  return Object.defineProperties(fields, {
    preventDefault: {
      value: () => {
        prevented = true;
      },
    },
    defaultPrevented: { get: () => prevented, enumerable: true },
  }) as T & StandinEvent;
}
