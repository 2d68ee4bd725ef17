// config.js is read as data: the JSON the server writes, and the hand-written JS people keep.
import { describe, expect, it } from 'vitest';
import { parseChatConfig } from '../../../app/connectors/3drepo/config-js.js';

describe('parseChatConfig', () => {
  it('the server-written object literal, with \\u002F escapes', () => {
    const script =
      'window.ClientConfig = {\n  "chatHost": "https:\\u002F\\u002Fchat.www.3drepo.io:443",\n  "chatPath": "\\u002Fchat"\n};';
    expect(parseChatConfig(script)).toEqual({
      chatHost: 'https://chat.www.3drepo.io:443',
      chatPath: '/chat',
    });
  });

  it('a JS literal that is not JSON: the string fields are picked out, never run', () => {
    const script =
      "var ClientConfig = { chatHost: 'https:\\/\\/chat.example.com', chatPath: '\\x2Frealtime', x: f() };";
    expect(parseChatConfig(script)).toEqual({
      chatHost: 'https://chat.example.com',
      chatPath: '/realtime',
    });
  });

  it('a config without them names nothing', () => {
    expect(parseChatConfig('window.ClientConfig = {"api_urls": {}};')).toEqual({});
    expect(parseChatConfig('<html>not found</html>')).toEqual({});
  });
});
