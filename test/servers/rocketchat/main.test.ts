// The test server run on its own, as a person or another process scripts it: the printed account
// signs in, and a scripted post reaches the account's own notification stream.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { REPO_ROOT } from '../../support/cli-process.js';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe('Rocket.Chat test server on its own', () => {
  it('prints a ready account, then posts as another user on command', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/servers/rocketchat/main.ts'], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const nextLine = async () => JSON.parse(String((await lines.next()).value)) as never;
    const ready: { url: string; token: { userId: string; token: string } } = await nextLine();

    const frames: Record<string, unknown>[] = [];
    const socket = new WebSocket(`${ready.url.replace('http', 'ws')}/websocket`);
    socket.on('message', (data) =>
      frames.push(JSON.parse(String(data)) as Record<string, unknown>),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    const send = (frame: unknown) => socket.send(JSON.stringify(frame));
    send({ msg: 'connect', version: '1', support: ['1'] });
    send({ msg: 'method', method: 'login', id: 'l', params: [{ resume: ready.token.token }] });
    send({
      msg: 'sub',
      id: 'n',
      name: 'stream-notify-user',
      params: [`${ready.token.userId}/notification`, { useCollection: false, args: [] }],
    });
    await vi.waitFor(() => expect(frames.some((f) => f.msg === 'ready')).toBe(true));

    child.stdin!.write('post bob general deploy at five @alice\n');
    const answer: { ok: boolean; id: string } = await nextLine();
    expect(answer.ok).toBe(true);
    const notification = await vi.waitFor(() => {
      const found = frames.find((f) => f.msg === 'changed');
      if (!found) throw new Error('no notification yet');
      return (found.fields as { args: Record<string, unknown>[] }).args[0];
    });
    expect(notification).toMatchObject({
      title: '#general',
      text: 'bob: deploy at five @alice',
      payload: { _id: answer.id, rid: 'GENERAL' },
    });
    socket.terminate();

    child.stdin!.write('quit\n');
    await new Promise((resolve) => child.once('exit', resolve));
  });
});
