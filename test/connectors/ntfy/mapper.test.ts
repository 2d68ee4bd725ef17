// ntfy frames as events, pure: tags as emoji the way ntfy's web app does it, the link's order of
// preference, attachments, markdown, priorities, and the frames that are no event.
import { describe, expect, it } from 'vitest';
import { mapNtfyFrame, type NtfyFrame } from '../../../app/connectors/ntfy/mapper.js';
import { LineSplitter } from '../../../app/connectors/ntfy/json-stream.js';

const context = {
  account: 'alerts',
  server: 'https://ntfy.example.com/',
  minPriority: 1,
  catchUp: false,
};
const frame = (fields: Record<string, unknown>): NtfyFrame =>
  ({
    id: 'AbCdEf123456',
    time: 1_700_000_000,
    event: 'message',
    topic: 'ci',
    ...fields,
  }) as NtfyFrame;

describe('an ntfy message as an event', () => {
  it('puts the known tags as emoji before the title, in the order sent, and leaves the rest', () => {
    const event = mapNtfyFrame(
      frame({ title: 'Disk', tags: ['nas', 'warning', 'rotating_light'] }),
      context,
    );
    expect(event).toMatchObject({ title: '⚠️ 🚨 Disk', time: 1_700_000_000_000 });
  });

  it('links to click, else the first view action, else the topic page', () => {
    const actions = [
      { action: 'http', label: 'Restart', url: 'https://ci.example.com/api/restart' },
      { action: 'view', label: 'Open', url: 'https://ci.example.com/42' },
    ];
    expect(mapNtfyFrame(frame({ click: 'https://a.example', actions }), context)?.url).toBe(
      'https://a.example',
    );
    expect(mapNtfyFrame(frame({ actions }), context)?.url).toBe('https://ci.example.com/42');
    expect(mapNtfyFrame(frame({}), context)?.url).toBe('https://ntfy.example.com/ci');
  });

  it('offers the view and http actions as buttons; an http one carries its request', () => {
    const event = mapNtfyFrame(
      frame({
        actions: [
          { action: 'view', label: 'Open\u202e log', url: 'https://ci.example.com/42/log' },
          {
            action: 'http',
            label: 'Retry',
            url: 'https://ci.example.com/api/retry',
            method: 'put',
            headers: { Authorization: 'Bearer x', 'X-Bad': 7 },
            body: '{"build":42}',
            clear: true,
          },
          { action: 'http', label: 'Ping', url: 'https://ci.example.com/api/ping' },
          { action: 'broadcast', label: 'Tell Tasker' },
          { action: 'view', label: '', url: 'https://ci.example.com/no-label' },
        ],
      }),
      context,
    );
    expect(event?.links).toEqual([
      { label: 'Open log', url: 'https://ci.example.com/42/log' },
      {
        label: 'Retry',
        url: 'https://ci.example.com/api/retry',
        clear: true,
        request: { method: 'PUT', headers: { Authorization: 'Bearer x' }, body: '{"build":42}' },
      },
      // ntfy's defaults: POST, no headers, no body.
      {
        label: 'Ping',
        url: 'https://ci.example.com/api/ping',
        request: { method: 'POST', headers: {}, body: '' },
      },
    ]);
    expect(mapNtfyFrame(frame({}), context)?.links).toBeUndefined();
  });

  it('names the attachment and its size, its link is the click; renders markdown, shows the icon', () => {
    const event = mapNtfyFrame(
      frame({
        message: '**Build** [42](https://ci.example.com/42) failed',
        content_type: 'text/markdown',
        icon: 'https://ci.example.com/icon.png',
        attachment: { name: 'log.txt', url: 'https://ntfy.example.com/file/x.txt', size: 1234567 },
      }),
      context,
    );
    expect(event?.body).toBe(
      'Build 42 (https://ci.example.com/42) failed\nAttachment: log.txt (1.2 MB)',
    );
    expect(event?.url).toBe('https://ntfy.example.com/file/x.txt');
    expect(event?.links).toBeUndefined();
    expect(event?.author?.avatarUrl).toBe('https://ci.example.com/icon.png');
  });

  it('gives the attachment a button when a click opens something else; small sizes in bytes', () => {
    const event = mapNtfyFrame(
      frame({
        message: 'nightly',
        click: 'https://ci.example.com/42',
        attachment: { name: 'log.txt', url: 'https://ntfy.example.com/file/x.txt', size: 512 },
      }),
      context,
    );
    expect(event?.body).toBe('nightly\nAttachment: log.txt (512 B)');
    expect(event?.url).toBe('https://ci.example.com/42');
    expect(event?.links).toEqual([
      { label: 'Open attachment', url: 'https://ntfy.example.com/file/x.txt' },
    ]);
  });

  it('counts priority 4 and 5 as urgent, 3 when none or out of range, below the minimum history only', () => {
    const at = (priority: unknown, minPriority = 1) =>
      mapNtfyFrame(frame({ priority }), { ...context, minPriority });
    expect(at(4)?.mentionsUser).toBe(true);
    expect(at(5)?.mentionsUser).toBe(true);
    expect(at(3)?.mentionsUser).toBe(false);
    expect(at(9, 4)).toMatchObject({ historyOnly: 'priority 3, below 4' });
    expect(at(undefined, 4)?.historyOnly).toBe('priority 3, below 4');
    expect(at(1, 2)?.historyOnly).toBe('priority 1, below 2');
    expect(at(2, 2)?.historyOnly).toBeUndefined();
  });

  it('retracts on message_delete and message_clear, by sequence id where given', () => {
    expect(
      mapNtfyFrame(frame({ event: 'message_delete', sequence_id: 'Orig00000001' }), context),
    ).toMatchObject({
      kind: 'message-deleted',
      target: 'Orig00000001',
    });
    expect(mapNtfyFrame(frame({ event: 'message_clear' }), context)).toMatchObject({
      kind: 'message-deleted',
      target: 'AbCdEf123456',
    });
  });

  it('makes no event of open, keepalive or poll_request', () => {
    for (const event of ['open', 'keepalive', 'poll_request'])
      expect(mapNtfyFrame(frame({ event }), context)).toBeUndefined();
  });
});

describe('the JSON stream split into lines', () => {
  it('joins lines across chunks and skips a line longer than the limit to its end', () => {
    const tooLong: number[] = [];
    const lines = new LineSplitter(10, (bytes) => tooLong.push(bytes));
    const out = [
      ...lines.push(Buffer.from('{"a":1}\n{"b"')),
      ...lines.push(Buffer.from(':2}\n0123456789')),
      ...lines.push(Buffer.from('ABCDEF\n{"c":3}\n')),
      ...lines.push(Buffer.from('0123456789ABC\n')),
    ];
    expect(out).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(tooLong).toEqual([16, 13]);
  });
});
