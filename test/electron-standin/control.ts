// The channel a test drives the stand-in through: JSON lines on the unix socket named by
// TIDINGS_STANDIN_CONTROL (the test listens, the app's process connects). The stand-in sends
// events (`{event, ...}`) as they happen; the test sends commands (`{id, op, ...}`) and gets
// `{reply: id, ok, value}` or `{reply: id, ok: false, error}` back.
import { connect, type Socket } from 'node:net';

type CommandHandler = (command: Record<string, unknown>) => unknown;

const handlers = new Map<string, CommandHandler>();
const path = process.env.TIDINGS_STANDIN_CONTROL;
let socket: Socket | undefined;

function write(message: object): void {
  socket?.write(`${JSON.stringify(message)}\n`);
}

async function run(line: string): Promise<void> {
  const command = JSON.parse(line) as Record<string, unknown> & { id: number; op: string };
  const handler = handlers.get(command.op);
  try {
    if (!handler) throw new Error(`the stand-in has no command "${command.op}"`);
    write({ reply: command.id, ok: true, value: (await handler(command)) ?? null });
  } catch (error) {
    write({
      reply: command.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

if (path) {
  const opened = connect(path);
  socket = opened;
  let buffered = '';
  opened.setEncoding('utf8');
  opened.on('data', (chunk: string) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line) void run(line);
    }
  });
  // The test going away must not keep the app alive, nor crash it.
  opened.on('error', () => {});
  opened.unref();
}

/** Tells the test that something happened (a window opened, a link was opened…). */
export function report(event: string, details: object = {}): void {
  write({ event, ...details });
}

/** Lets the test act as the user or the OS. */
export function onCommand(op: string, handler: CommandHandler): void {
  handlers.set(op, handler);
}

/** Lets the last events out before the process exits. */
export function flushControl(): Promise<void> {
  const open = socket;
  if (!open || open.destroyed) return Promise.resolve();
  return new Promise((resolve) => open.end(resolve));
}
