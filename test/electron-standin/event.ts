// Electron hands listeners an event object with preventDefault(); whoever emitted it reads
// `defaultPrevented` afterwards (before-quit, will-navigate, close…).
export interface StandinEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function electronEvent<T extends object>(fields: T = {} as T): T & StandinEvent {
  let prevented = false;
  return Object.assign(fields, {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  });
}
