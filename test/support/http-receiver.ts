// A small local HTTP server that records every request it gets (method, path, headers, body),
// for what Tidings sends on its own (an ntfy `http` button). Loopback, port 0.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Answers 200, or the status `statusFor` gives a path (a failing endpoint). */
export async function startHttpReceiver(
  statusFor: (path: string) => number = () => 200,
): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ method: request.method ?? '', path, headers: request.headers, body });
      response.statusCode = statusFor(path);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
