import { open } from 'node:fs/promises';

/** `… info account status {"account":"demo-dino","state":"online"}`, as the app logs it. */
const STATUS_LINE = / info account status (\{.*\})$/;
const POLL_MS = 250;

/**
 * The desktop app says nothing on stdout; its log file says when each account's state changes.
 * This follows the file as it grows (it may not exist yet) and hands each change on.
 */
export function followStatusLog(
  file: string,
  status: (account: string, state: string) => void,
): { stop(): void } {
  let offset = 0;
  let partial = '';
  let reading = false;
  const read = async () => {
    if (reading) return;
    reading = true;
    try {
      const handle = await open(file, 'r').catch(() => undefined);
      if (!handle) return;
      try {
        const buffer = Buffer.alloc(64 * 1024);
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
          partial += buffer.toString('utf8', 0, bytesRead);
        }
      } finally {
        await handle.close();
      }
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const match = STATUS_LINE.exec(line);
        if (!match?.[1]) continue;
        try {
          const fields = JSON.parse(match[1]) as { account?: unknown; state?: unknown };
          if (typeof fields.account === 'string' && typeof fields.state === 'string')
            status(fields.account, fields.state);
        } catch {
          // A line cut or changed by the log's scrubbing: the next change says it again.
        }
      }
    } finally {
      reading = false;
    }
  };
  const timer = setInterval(() => void read(), POLL_MS);
  return { stop: () => clearInterval(timer) };
}
