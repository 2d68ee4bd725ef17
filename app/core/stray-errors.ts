import type { Logger } from './log.js';

/** The part of `process` that reports errors no code caught. */
export interface StrayErrorSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}

/**
 * A bug in one connector must not end every account's connection: an error nothing caught is
 * logged and the process goes on. Node's default is to exit, losing whatever was not yet saved.
 */
export function keepRunningOnStrayErrors(source: StrayErrorSource, log: Logger): void {
  source.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection (kept running)', describe(reason)),
  );
  source.on('uncaughtException', (error) =>
    log.error('uncaught exception (kept running)', describe(error)),
  );
}
