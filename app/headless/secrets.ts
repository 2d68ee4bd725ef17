import { execFile } from 'node:child_process';
import { ConnectorError } from '../core/connector.js';
import type { Secret } from '../core/settings/fields.js';

const COMMAND_TIMEOUT_MS = 15_000;

/**
 * A secret from the settings file: written inline, read from an environment variable, or printed
 * by a command (a keyring lookup such as `secret-tool lookup service tidings`). A secret that
 * cannot be read is a config error: retrying will not make it appear.
 */
export function resolveSecret(
  secret: Secret,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (typeof secret === 'string') return Promise.resolve(secret);
  if ('env' in secret) {
    const value = env[secret.env];
    if (value === undefined || value === '')
      return Promise.reject(
        new ConnectorError('config', `environment variable ${secret.env} is not set`),
      );
    return Promise.resolve(value);
  }
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', secret.command],
      { timeout: COMMAND_TIMEOUT_MS, env },
      (error, stdout, stderr) => {
        // Only the command's first line: keyring tools end with a newline.
        const value = stdout.split(/\r?\n/)[0] ?? '';
        if (error || value === '') {
          const why = error ? stderr.trim() || error.message : 'it printed nothing';
          reject(new ConnectorError('config', `secret command failed: ${why}`));
        } else resolve(value);
      },
    );
  });
}
