/**
 * Where core state that should outlive the process goes. The desktop app backs it with a file in
 * its data folder, the CLI with a file it is given; tests and the default CLI keep it in memory.
 */
export interface Storage<T> {
  load(): T | undefined;
  save(value: T): void;
}

export function memoryStorage<T>(initial?: T): Storage<T> & { value: T | undefined } {
  return {
    value: initial,
    load() {
      return this.value;
    },
    save(value) {
      this.value = value;
    },
  };
}
