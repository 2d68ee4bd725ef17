// Gotify messages as events, pure, and markdown as the text a notification shows.
import { describe, expect, it } from 'vitest';
import { mapGotifyMessage, type GotifyMessage } from '../../../app/connectors/gotify/mapper.js';
import { markdownToText } from '../../../app/connectors/shared/markdown-text.js';

const context = {
  account: 'home',
  server: 'https://gotify.example.com',
  minPriority: 1,
  appName: (id: number) => (id === 3 ? 'Backups' : undefined),
  catchUp: true,
};
const message = (fields: Record<string, unknown>): GotifyMessage =>
  ({
    id: 7,
    appid: 3,
    message: 'hello',
    date: '2026-12-02T01:02:03.456+01:00',
    ...fields,
  }) as GotifyMessage;

describe('a Gotify message as an event', () => {
  it('is titled by its application when it has no title, timed by its date, marked as caught up', () => {
    expect(mapGotifyMessage(message({ priority: 5 }), context)).toMatchObject({
      id: '7',
      title: 'Backups',
      room: { id: '3', name: 'Backups' },
      time: Date.parse('2026-12-02T00:02:03.456Z'),
      catchUp: true,
      url: 'https://gotify.example.com',
    });
    expect(mapGotifyMessage(message({ appid: 9, priority: 5 }), context).room.name).toBe(
      'application 9',
    );
  });

  it('is urgent from 8, history only at 0 or below the minimum', () => {
    const at = (priority: number, minPriority = 1) =>
      mapGotifyMessage(message({ priority }), { ...context, minPriority });
    expect(at(8).mentionsUser).toBe(true);
    expect(at(7).mentionsUser).toBe(false);
    expect(at(0).historyOnly).toBe('priority 0 (history only)');
    expect(at(3, 4).historyOnly).toBe('priority 3, below 4');
    expect(at(4, 4).historyOnly).toBeUndefined();
  });

  it("takes client::notification's click url as the link and renders markdown", () => {
    const event = mapGotifyMessage(
      message({
        priority: 5,
        message: '# Alarm\n- door **open**\n- [camera](https://cam.example.com)',
        extras: {
          'client::display': { contentType: 'text/markdown' },
          'client::notification': { click: { url: 'https://home.example.com' } },
        },
      }),
      context,
    );
    expect(event.url).toBe('https://home.example.com');
    expect(event.body).toBe('Alarm\n• door open\n• camera (https://cam.example.com)');
  });

  it('leaves plain text as it is', () => {
    expect(mapGotifyMessage(message({ priority: 5, message: '**not bold**' }), context).body).toBe(
      '**not bold**',
    );
  });
});

describe('markdown as plain text', () => {
  it.each([
    ['## Heading ##', 'Heading'],
    ['> quoted _text_', 'quoted text'],
    ['use `npm ci` and ~~yarn~~', 'use npm ci and yarn'],
    ['![chart](https://x/c.png) see <https://x.example>', 'chart see https://x.example'],
    ['- [x] done\n- [ ] todo', '☑ done\n☐ todo'],
    ['```\n**kept** as is\n```', '**kept** as is'],
    ['a\\*b\\* snake_case_name', 'a*b* snake_case_name'],
    ['---', ''],
  ])('%j → %j', (markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });
});
