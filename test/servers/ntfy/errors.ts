// ntfy's error answers (server/errors.go): JSON `{code, http, error, link}` and a newline.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface NtfyError {
  code: number;
  http: number;
  error: string;
  link?: string;
}

const AUTH_LINK = 'https://ntfy.sh/docs/publish/#authentication';
export const ERRORS = {
  unauthorized: { code: 40101, http: 401, error: 'unauthorized', link: AUTH_LINK },
  forbidden: { code: 40301, http: 403, error: 'forbidden', link: AUTH_LINK },
  notFound: { code: 40401, http: 404, error: 'page not found' },
  sinceInvalid: {
    code: 40008,
    http: 400,
    error: 'invalid since parameter',
    link: 'https://ntfy.sh/docs/subscribe/api/#fetch-cached-messages',
  },
  upgradeMissing: {
    code: 40016,
    http: 400,
    error: 'invalid request: client not using the websocket protocol',
    link: 'https://ntfy.sh/docs/subscribe/api/#websockets',
  },
  tooManySubscriptions: {
    code: 42903,
    http: 429,
    error: 'limit reached: too many active subscriptions',
    link: 'https://ntfy.sh/docs/publish/#limitations',
  },
} satisfies Record<string, NtfyError>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

export function sendError(response: ServerResponse, error: NtfyError): void {
  response.writeHead(error.http, { 'Content-Type': 'application/json' });
  response.end(`${JSON.stringify(error)}\n`);
}

/** The same answer on a socket that asked to upgrade: the handshake ends there. */
export function refuseUpgrade(socket: Duplex, error: NtfyError): void {
  const body = `${JSON.stringify(error)}\n`;
  socket.end(
    `HTTP/1.1 ${error.http} ${REASONS[error.http] ?? 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
