// The command loop of a test server run on its own (main.ts): one command per line on stdin,
// its words after the name as arguments; unknown ones are said on stderr.
import { createInterface } from 'node:readline';

export type Commands = Record<string, (args: string[]) => void | Promise<void>>;

export async function readCommands(commands: Commands): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const [name = '', ...args] = line.trim().split(/\s+/);
    const command = commands[name];
    if (command) await command(args);
    else if (name) process.stderr.write(`unknown command: ${line}\n`);
  }
}
