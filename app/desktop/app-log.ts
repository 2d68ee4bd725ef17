import type { Logger } from '../core/log.js';

export const LOG_TAIL_LINES = 500;
const REDACTED = '[secret]';
/** Field names whose values are never written, whatever they hold. */
const SECRET_KEYS = /^(password|token|apikey|cookie|secret|authorization)$/i;

export interface AppLog extends Logger {
  /** The newest lines, oldest first, for the window's diagnostics. */
  tail(): string[];
  /** The text with every known secret replaced, for words shown outside the log (statuses). */
  scrub(text: string): string;
}

/**
 * The app's log: one line per entry to `write` (a file in the app) and a tail kept in memory.
 * Every known secret value is scrubbed from messages and fields before anything is written, so a
 * connector that puts a password in an error message cannot leak it.
 */
export function createAppLog(options: {
  write(line: string): void;
  secrets(): Iterable<string>;
  now?: () => number;
  debug?: boolean;
}): AppLog {
  const tail: string[] = [];
  const now = options.now ?? Date.now;

  const scrub = (text: string): string => {
    let result = text;
    for (const secret of options.secrets())
      if (secret.length >= 3) result = result.split(secret).join(REDACTED);
    return result;
  };
  const fieldsText = (fields: Record<string, unknown> | undefined) =>
    fields
      ? ` ${JSON.stringify(fields, (key, value: unknown) => (SECRET_KEYS.test(key) ? REDACTED : value))}`
      : '';

  const entry = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = scrub(`${new Date(now()).toISOString()} ${level} ${message}${fieldsText(fields)}`);
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.splice(0, tail.length - LOG_TAIL_LINES);
    options.write(line);
  };

  return {
    debug: options.debug ? entry('debug') : () => {},
    info: entry('info'),
    warn: entry('warn'),
    error: entry('error'),
    tail: () => [...tail],
    scrub,
  };
}
