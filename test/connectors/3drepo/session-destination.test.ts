// Where the session cookie may go: the server's own site, or a chat host the user named.
import { describe, expect, it } from 'vitest';
import { sessionRefusal } from '../../../app/connectors/3drepo/session-destination.js';

describe('where the 3D Repo session cookie may be sent', () => {
  it.each([
    ['the same host', 'https://www.3drepo.io', 'https://www.3drepo.io'],
    [
      'a sibling on the same registrable domain',
      'https://www.3drepo.io',
      'https://chat.www.3drepo.io:443',
    ],
    ['wss on the same site', 'https://www.3drepo.io', 'wss://chat.3drepo.io'],
    ['plain http everywhere', 'http://127.0.0.1:8080', 'http://127.0.0.1:9090'],
  ])('config.js may name %s', (_what, server, chat) => {
    expect(sessionRefusal(server, chat, 'config.js')).toBeUndefined();
  });

  it.each([
    ['another site', 'https://www.3drepo.io', 'https://chat.example.com'],
    ['another owner under a public suffix', 'https://acme.co.uk', 'https://evil.co.uk'],
    ['another owner under a private suffix', 'https://acme.github.io', 'https://evil.github.io'],
    ['another loopback name', 'http://127.0.0.1:8080', 'http://localhost:8080'],
  ])('config.js naming %s is refused, saying how to trust it', (_what, server, chat) => {
    const host = new URL(chat).host;
    expect(sessionRefusal(server, chat, 'config.js')).toBe(
      `config.js names the chat service at ${host}, which is not on the site of ` +
        `${new URL(server).host}: not sending the session there (name it as the account's chat url to trust it)`,
    );
  });

  it('a chat host the user wrote in the settings is trusted on any site', () => {
    expect(
      sessionRefusal('https://www.3drepo.io', 'https://chat.example.com', 'settings'),
    ).toBeUndefined();
  });

  it.each(['settings', 'config.js'] as const)(
    'never plain http:// or ws:// when the server is https:// (chat from %s)',
    (source) => {
      expect(sessionRefusal('https://www.3drepo.io', 'http://chat.3drepo.io', source)).toBe(
        'not sending the session to chat.3drepo.io over unencrypted http://: the server is https://',
      );
      expect(sessionRefusal('https://www.3drepo.io', 'ws://www.3drepo.io', source)).toMatch(
        /over unencrypted ws:\/\//,
      );
    },
  );
});
