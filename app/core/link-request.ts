import type { EventLink } from './events.js';
import { checkExternalLink } from './link-policy.js';
import type { Logger } from './log.js';
import type { RoomNotification } from './notification.js';
import type { History } from './pipeline/history.js';

/** A button's request waits this long for an answer; a hung server must not hold it forever. */
export const LINK_REQUEST_TIMEOUT_MS = 15_000;

export interface LinkRequestOutcome {
  ok: boolean;
  /** In words, for the log and the user: "sent: 200 OK", "failed: 500 Internal Server Error". */
  message: string;
}

export interface LinkRequestOptions {
  log: Logger;
  /** Where the outcome is noted, on the entry of the notification's event. */
  history?: History;
  timeoutMs?: number;
}

/**
 * Sends an `http` action button's request (ntfy's: a method, headers and body chosen by the
 * publisher), as ntfy's own apps do: only when the user clicked the button, never on arrival,
 * and only to http/https, the same policy as a link. The outcome is logged, noted in history on
 * the entry of the event whose button it was, and returned.
 */
export async function sendLinkRequest(
  n: RoomNotification,
  link: EventLink,
  options: LinkRequestOptions,
): Promise<LinkRequestOutcome> {
  const outcome = await send(link, options.timeoutMs ?? LINK_REQUEST_TIMEOUT_MS);
  const fields = { account: n.account, button: link.label, url: link.url };
  if (outcome.ok) options.log.info(`button request ${outcome.message}`, fields);
  else options.log.warn(`button request ${outcome.message}`, fields);
  const entry = options.history?.ofEvent(n.account, n.eventId);
  if (entry) options.history?.note(entry.seq, noteOf(link.label, outcome));
  return outcome;
}

/** The outcome as History shows it: "Sent 'Retry': 200 OK", "'Retry' failed: …". */
export function noteOf(label: string, outcome: LinkRequestOutcome): string {
  const [verb, ...rest] = outcome.message.split(': ');
  const detail = rest.join(': ');
  if (outcome.ok) return `Sent '${label}': ${detail}`;
  return `'${label}' ${verb === 'refused' ? 'was refused' : verb}: ${detail}`;
}

async function send(link: EventLink, timeoutMs: number): Promise<LinkRequestOutcome> {
  const checked = checkExternalLink(link.url);
  if (!checked.ok) return { ok: false, message: `refused: ${checked.reason}` };
  const request = link.request ?? { method: 'POST', headers: {}, body: '' };
  const method = request.method.toUpperCase();
  try {
    const response = await fetch(checked.url, {
      method,
      headers: request.headers,
      // GET and HEAD may carry no body (fetch refuses one).
      ...(method !== 'GET' && method !== 'HEAD' && { body: request.body }),
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect elsewhere would send the publisher's headers to a host nobody named.
      redirect: 'manual',
    });
    await response.body?.cancel();
    const status = `${response.status} ${response.statusText}`.trim();
    return response.ok
      ? { ok: true, message: `sent: ${status}` }
      : { ok: false, message: `failed: the server answered ${status}` };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      return { ok: false, message: `failed: no answer within ${timeoutMs / 1000} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return {
      ok: false,
      message: `failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    };
  }
}
