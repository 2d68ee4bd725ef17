import type { Logger } from '../core/log.js';

/** Logs as plain lines on stderr, so stdout carries JSON lines and nothing else. */
export function stderrLogger(
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      write(`${new Date().toISOString()} ${level} ${message}${extra}\n`);
    };
  return { debug: () => {}, info: log('info'), warn: log('warn'), error: log('error') };
}
