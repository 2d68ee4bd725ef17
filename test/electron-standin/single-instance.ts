// app.requestSingleInstanceLock, as Chromium's ProcessSingleton does it on Linux
// (chrome/browser/process_singleton_posix.cc): a `SingletonLock` symlink to "<host>-<pid>" in the
// data folder claims it atomically; the owner listens on `SingletonSocket` there; a second
// process finds the owner alive, hands it its argv and working directory and gets `false`. The
// hand-over is synchronous, as in Chromium: a short Node child does the socket talk.
import { execFileSync } from 'node:child_process';
import { readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

const HANDOVER_TIMEOUT_MS = 5_000;

// The second process's side: connect, send one JSON line, wait for the owner's "ACK".
const HANDOVER = `
const socket = require('node:net').connect(process.argv[1]);
let tries = 0;
socket.on('connect', () => socket.end(process.argv[2] + '\\n'));
socket.on('data', (d) => { if (String(d).startsWith('ACK')) process.exit(0); });
socket.on('error', () => process.exit(2));
socket.on('close', () => process.exit(3));
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerPid(lock: string): number | undefined {
  try {
    const target = readlinkSync(lock);
    const pid = Number(target.slice(target.lastIndexOf('-') + 1));
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class SingleInstance {
  private server: Server | undefined;
  private lock: string | undefined;
  private socketPath: string | undefined;

  private readonly onSecond: (second: SecondInstance) => void;

  constructor(onSecond: (second: SecondInstance) => void) {
    this.onSecond = onSecond;
  }

  request(dataDir: string, additionalData: unknown): boolean {
    if (this.lock) return true;
    const lock = join(dataDir, 'SingletonLock');
    const socketPath = join(dataDir, 'SingletonSocket');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        symlinkSync(`${hostname()}-${process.pid}`, lock);
        this.lock = lock;
        this.socketPath = socketPath;
        this.listen(socketPath);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = ownerPid(lock);
      if (pid !== undefined && pid !== process.pid && alive(pid)) {
        this.handOver(socketPath, additionalData);
        return false;
      }
      // A lock left by a process that is gone: Chromium takes it over.
      rmSync(lock, { force: true });
    }
    return false;
  }

  private handOver(socketPath: string, additionalData: unknown): void {
    const message = JSON.stringify({
      argv: process.argv,
      workingDirectory: process.cwd(),
      additionalData,
    });
    try {
      execFileSync(process.execPath, ['-e', HANDOVER, socketPath, message], {
        timeout: HANDOVER_TIMEOUT_MS,
        stdio: 'ignore',
      });
    } catch {
      // The owner did not answer: Chromium gives up the same way and this process quits.
    }
  }

  private listen(socketPath: string): void {
    rmSync(socketPath, { force: true });
    const server = createServer((connection) => {
      let text = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk: string) => {
        text += chunk;
        if (!text.includes('\n')) return;
        connection.end('ACK\n');
        try {
          this.onSecond(JSON.parse(text) as SecondInstance);
        } catch {
          // not a Tidings process: ignored
        }
      });
      connection.on('error', () => {});
    });
    server.listen(socketPath);
    server.unref();
    this.server = server;
  }

  release(): void {
    this.server?.close();
    if (this.lock && ownerPid(this.lock) === process.pid) rmSync(this.lock, { force: true });
    if (this.socketPath) rmSync(this.socketPath, { force: true });
    this.lock = undefined;
    this.server = undefined;
  }
}
