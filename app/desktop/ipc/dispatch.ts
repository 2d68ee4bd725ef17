import { z } from 'zod';
import type { Logger } from '../../core/log.js';
import { formatPath } from '../../core/settings/validate.js';
import type { Method } from '../../ipc/contract.js';
import { METHODS, parseRequest } from '../../ipc/requests.js';
import type { Handlers } from './handlers.js';

/** A message main will not act on: from someone other than the settings window, or malformed. */
export class IpcRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRefused';
  }
}

/** Who sent a message, as Electron tells it. */
export interface Sender {
  /** The sending webContents' id. */
  webContentsId: number;
  /** The sending frame's URL. */
  frameUrl: string | undefined;
}

/** Scheme and host: custom schemes (tidings-ui:) have an opaque `origin`, so compare these. */
const place = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
};

/** Why a sender is not the settings window, or undefined when it is. */
export function senderProblem(
  sender: Sender,
  window: { webContentsId: number; origin: string } | undefined,
): string | undefined {
  if (!window) return 'no settings window is open';
  if (sender.webContentsId !== window.webContentsId) return 'the sender is not the settings window';
  let actual: string;
  try {
    actual = place(sender.frameUrl ?? '');
  } catch {
    return 'the sending frame has no URL';
  }
  if (actual !== place(window.origin))
    return `the sending frame is not the settings page (${actual})`;
  return undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const where = formatPath(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * One message of the contract: the method must be the contract's and the payload its shape;
 * anything else is refused with an error that says why, and logged.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  payload: unknown,
  log: Logger,
): Promise<unknown> {
  if (!(METHODS as string[]).includes(method)) {
    log.warn('IPC refused: unknown method', { method });
    throw new IpcRefused(`unknown method "${method}"`);
  }
  const known = method as Method;
  let request;
  try {
    request = parseRequest(known, payload);
  } catch (error) {
    const why = error instanceof z.ZodError ? describe(error) : String(error);
    log.warn('IPC refused: invalid payload', { method, error: why });
    throw new IpcRefused(`invalid ${method} request: ${why}`);
  }
  return (handlers[known] as (r: unknown) => unknown)(request);
}
