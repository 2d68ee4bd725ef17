import { spawn } from 'node:child_process';
import { ConnectorError } from '../core/connector.js';
import type { Secret } from '../core/settings/fields.js';
import { unsetVariableMessage } from './env-secrets.js';

export const COMMAND_TIMEOUT_MS = 15_000;
/** A keyring lookup prints one line; anything past this is not a secret. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface SecretOptions {
  timeoutMs?: number;
}

/**
 * A secret from the settings file: written inline, read from an environment variable, or printed
 * by a command (a keyring lookup such as `secret-tool lookup service tidings`). A secret that
 * cannot be read is a config error: retrying will not make it appear.
 */
export function resolveSecret(
  secret: Secret,
  env: NodeJS.ProcessEnv = process.env,
  options: SecretOptions = {},
): Promise<string> {
  if (typeof secret === 'string') return Promise.resolve(secret);
  if ('env' in secret) {
    const value = env[secret.env];
    if (value === undefined || value === '')
      return Promise.reject(new ConnectorError('config', unsetVariableMessage(secret.env)));
    return Promise.resolve(value);
  }
  return runSecretCommand(secret.command, env, options.timeoutMs ?? COMMAND_TIMEOUT_MS);
}

/**
 * Runs the command in a process group of its own, so a timeout kills everything it started: a
 * helper's child still holding the output open would otherwise keep the secret pending forever.
 */
function runSecretCommand(command: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let done = false;
    let closed = false;
    const finish = (error: string | undefined, value?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Once every output has closed the group may be gone and its id reused: kill only before.
      if (!closed) killGroup(child.pid);
      if (error !== undefined) reject(new ConnectorError('config', error));
      else resolve(value ?? '');
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) finish('secret command failed: it printed more than 1 MB');
      else into.push(chunk);
    };
    const timer = setTimeout(
      () => finish(`secret command timed out after ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error) => finish(`secret command failed: ${error.message}`));
    child.on('close', (code, signal) => {
      closed = true;
      // Only the command's first line: keyring tools end with a newline.
      const value = Buffer.concat(stdout).toString('utf8').split(/\r?\n/)[0] ?? '';
      if (code === 0 && value !== '') return finish(undefined, value);
      const printed = Buffer.concat(stderr).toString('utf8').trim();
      const why =
        code === 0 ? 'it printed nothing' : printed || `it ended with ${signal ?? `code ${code}`}`;
      finish(`secret command failed: ${why}`);
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone, with everything it started.
  }
}
