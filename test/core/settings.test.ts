import { describe, expect, it } from 'vitest';
import { jsonMistake } from '../../app/core/settings/json-mistake.js';
import {
  parseSettings,
  validateSettings,
  type SettingsResult,
} from '../../app/core/settings/index.js';

/** The example in DESIGN.md ("Settings file"), with every "…" replaced by a real value. */
const DESIGN_EXAMPLE = `{
  "version": 1,
  "accounts": [
    { "id": "work", "type": "rocketchat", "name": "Work chat",
      "server": "https://chat.example.com",
      "auth": { "username": "alice", "password": "correct horse" } },
    { "id": "work-token", "type": "rocketchat", "server": "https://chat.example.com",
      "auth": { "userId": "aobEdbYhXfu5hkeqG", "token": "9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq" }, "rooms": ["GENERAL"] },
    { "id": "models", "type": "3drepo", "server": "https://www.3drepo.io",
      "chat": { "url": "https://chat.www.3drepo.io:443", "path": "/chat" },
      "auth": { "cookie": "connect.sid=s%3AabcDEF123.sig" },
      "rooms": [ { "notifications": true },
                 { "teamspace": "acme", "project": "b0b8f0a0-1d2e-11ec-9b59-2b4a1c2d3e4f", "model": "c1c9e1b1-1d2e-11ec-9b59-2b4a1c2d3e4f" } ] },
    { "id": "dino", "type": "dino", "broker": "mqtts://mqtt.example.com:8883",
      "userId": "1234", "topic": "dms/prod/1234",
      "auth": { "username": "1234", "password": "s3cret" } },
    { "id": "orders", "type": "kuzzle", "server": "ws://localhost:7512", "transport": "websocket",
      "auth": { "username": "bob", "password": "hunter2" },
      "subscriptions": [ { "index": "shop", "collection": "orders", "filters": {},
                           "scope": "all", "users": "none",
                           "title": "Order {{_source.customer}}", "body": "{{_source.total}}" } ] }
  ],
  "notifications": { "level": "all", "rules": [], "dnd": {}, "coalesceMs": 1000 }
}`;

const example = () => JSON.parse(DESIGN_EXAMPLE) as { accounts: Record<string, unknown>[] };

function errorOf(result: SettingsResult): string {
  if (result.ok) throw new Error('expected the settings to be refused');
  return result.error.message;
}

describe('valid settings', () => {
  it('accepts the example document from DESIGN.md', () => {
    const result = parseSettings(DESIGN_EXAMPLE);
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    expect(result.settings.accounts.map((a) => `${a.id}:${a.type}`)).toEqual([
      'work:rocketchat',
      'work-token:rocketchat',
      'models:3drepo',
      'dino:dino',
      'orders:kuzzle',
    ]);
    expect(result.settings.notifications).toMatchObject({
      level: 'all',
      coalesceMs: 1000,
      maxAgeMs: 24 * 60 * 60 * 1000,
      keywords: [],
    });
  });

  it('fills in defaults for a minimal document', () => {
    const result = validateSettings({ version: 1 });
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    expect(result.settings.accounts).toEqual([]);
    expect(result.settings.notifications).toMatchObject({ level: 'all', coalesceMs: 1000 });
    expect(result.settings.history).toEqual({ maxEntries: 10_000, maxAgeDays: 30 });
  });

  it('takes how much history to keep', () => {
    const result = validateSettings({ version: 1, history: { maxEntries: 500, maxAgeDays: 7 } });
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    expect(result.settings.history).toEqual({ maxEntries: 500, maxAgeDays: 7 });
  });

  it('accepts secrets from the environment or a command', () => {
    const doc = example();
    doc.accounts[0]!.auth = { username: 'alice', password: { env: 'WORK_PASSWORD' } };
    doc.accounts[3]!.auth = { username: '1234', password: { command: 'secret-tool lookup dino' } };
    expect(validateSettings(doc).ok).toBe(true);
  });
});

describe('malformed settings name the field and what was expected', () => {
  const withAccount = (index: number, patch: Record<string, unknown>) => {
    const doc = example();
    doc.accounts[index] = { ...doc.accounts[index], ...patch };
    return doc;
  };
  const withNotifications = (notifications: unknown) => ({ ...example(), notifications });

  it.each([
    {
      name: 'broker with the wrong scheme',
      doc: withAccount(3, { broker: 'http://mqtt.example.com' }),
      error: 'accounts[3].broker: expected an mqtt://, mqtts://, ws:// or wss:// URL',
    },
    {
      name: 'broker that is not a URL',
      doc: withAccount(3, { broker: 'mqtt.example.com' }),
      error: 'accounts[3].broker: expected an mqtt://, mqtts://, ws:// or wss:// URL',
    },
    {
      name: 'Rocket.Chat server that is a WebSocket URL',
      doc: withAccount(0, { server: 'wss://chat.example.com/websocket' }),
      error: 'accounts[0].server: expected an http:// or https:// URL',
    },
    {
      name: 'unknown account type',
      doc: withAccount(1, { type: 'slack' }),
      error:
        'accounts[1].type: expected a type: rocketchat, 3drepo, dino, kuzzle, ntfy, gotify, mqtt, webhook',
    },
    {
      name: 'unknown field in an account',
      doc: withAccount(3, { colour: 'red' }),
      error: 'accounts[3]: unknown field "colour"',
    },
    {
      name: 'unknown top-level field',
      doc: { ...example(), theme: 'dark' },
      error: 'unknown field "theme"',
    },
    {
      name: 'duplicate account id',
      doc: withAccount(4, { id: 'work' }),
      error: 'accounts[4].id: expected a unique id; "work" is used twice',
    },
    {
      name: 'account id with a space',
      doc: withAccount(0, { id: 'my work' }),
      error: 'accounts[0].id: expected an id of letters, digits, ".", "_" or "-"',
    },
    {
      name: 'Rocket.Chat auth with neither password nor token',
      doc: withAccount(0, { auth: { email: 'alice@example.com' } }),
      error: 'accounts[0].auth: expected { "username", "password" } or { "userId", "token" }',
    },
    {
      name: 'Rocket.Chat auth missing its password',
      doc: withAccount(0, { auth: { username: 'alice' } }),
      error:
        'accounts[0].auth.password: expected a string, { "env": "NAME" } or { "command": "…" }',
    },
    {
      name: 'Kuzzle transport that does not exist',
      doc: withAccount(4, { transport: 'tcp' }),
      error: 'accounts[4].transport: expected "websocket", "socketio" or "mqtt"',
    },
    {
      name: 'Kuzzle account without subscriptions',
      doc: withAccount(4, { subscriptions: [] }),
      error: 'accounts[4].subscriptions: expected at least one subscription',
    },
    {
      name: '3D Repo room without its project',
      doc: withAccount(2, { rooms: [{ teamspace: 'acme' }] }),
      error: 'accounts[2].rooms[0].project: expected a project id',
    },
    {
      name: 'wrong version',
      doc: { ...example(), version: 2 },
      error: 'version: expected 1',
    },
    {
      name: 'accounts that are not a list',
      doc: { version: 1, accounts: { work: {} } },
      error: 'accounts: expected a list of accounts',
    },
    {
      name: 'bad level',
      doc: withNotifications({ level: 'loud' }),
      error: 'notifications.level: expected "all", "mentions" or "none"',
    },
    {
      name: 'quiet hours starting at 25:00',
      doc: withNotifications({
        dnd: { quietHours: [{ days: ['fri'], from: '25:00', to: '07:00' }] },
      }),
      error: 'notifications.dnd.quietHours[0].from: expected a time of day as HH:MM',
    },
    {
      name: 'quiet hours ending at 7',
      doc: withNotifications({ dnd: { quietHours: [{ days: ['fri'], from: '22:00', to: '7' }] } }),
      error: 'notifications.dnd.quietHours[0].to: expected a time of day as HH:MM',
    },
    {
      name: 'quiet hours on a day spelled out',
      doc: withNotifications({
        dnd: { quietHours: [{ days: ['fri', 'saturday'], from: '22:00', to: '07:00' }] },
      }),
      error:
        'notifications.dnd.quietHours[0].days[1]: expected a weekday: mon, tue, wed, thu, fri, sat or sun',
    },
    {
      name: 'mute until a date without a time',
      doc: withNotifications({ rules: [{ room: 'GENERAL', muteUntil: '2026-01-05' }] }),
      error:
        'notifications.rules[0].muteUntil: expected a date and time such as 2026-01-05T18:00:00Z',
    },
    {
      name: 'negative coalescing window',
      doc: withNotifications({ coalesceMs: -1 }),
      error: 'notifications.coalesceMs: expected 0 or more milliseconds',
    },
    {
      name: 'unknown time zone',
      doc: withNotifications({ timeZone: 'Europe/Atlantis' }),
      error: 'notifications.timeZone: expected an IANA time zone such as Europe/Berlin',
    },
    {
      name: 'history count that is not a whole number',
      doc: { ...example(), history: { maxEntries: 10.5 } },
      error: 'history.maxEntries: expected a whole number from 100 to 1000000',
    },
    {
      name: 'history count of 0',
      doc: { ...example(), history: { maxEntries: 0 } },
      error: 'history.maxEntries: expected a whole number from 100 to 1000000',
    },
    {
      name: 'history age as text',
      doc: { ...example(), history: { maxAgeDays: '30' } },
      error: 'history.maxAgeDays: expected a whole number of days from 1 to 3650',
    },
    {
      name: 'unknown field in history',
      doc: { ...example(), history: { maxEntires: 100 } },
      error: 'history: unknown field "maxEntires"',
    },
    {
      name: 'unknown field in a rule',
      doc: withNotifications({ rules: [{ room: 'GENERAL', mute: true }] }),
      error: 'notifications.rules[0]: unknown field "mute"',
    },
  ])('$name', ({ doc, error }) => {
    expect(errorOf(validateSettings(doc))).toBe(error);
    // The same error when the document comes as text.
    expect(errorOf(parseSettings(JSON.stringify(doc)))).toBe(error);
  });

  it('refuses text that is not JSON, saying so', () => {
    const result = parseSettings('{ "version": 1, }');
    if (result.ok) throw new Error('expected the settings to be refused');
    expect(result.error.field).toBe('');
    expect(result.error.message).toBe(
      'not valid JSON: a mistake on line 1, column 17 (Expected double-quoted property name)',
    );
    // Where an editor puts its cursor: the line and column, counted from 1.
    expect(errorOf(parseSettings('{\n  "version": 1\n  "accounts": []\n}'))).toBe(
      "not valid JSON: a mistake on line 3, column 3 (Expected ',' or '}' after property value)",
    );
    expect(errorOf(parseSettings(''))).toBe(
      'not valid JSON: a mistake on line 1, column 1 (the text ends too early)',
    );
  });

  it('finds the line and column where V8 names no position, only the text around it', () => {
    // "Unexpected token ',', ..."counts": [,]…" quotes 10 characters either side of the mistake.
    const at = (text: string) => {
      try {
        JSON.parse(text);
      } catch (error) {
        return jsonMistake(text, error);
      }
      throw new Error('expected text that is not JSON');
    };
    expect(at('{\n  "version": 1,\n  "accounts": [,]\n}\n')).toEqual({
      line: 3,
      column: 16,
      what: "Unexpected token ','",
    });
    expect(at('{"a":1,"b":2,"c":3,"d":4,"e":[,]}')).toMatchObject({ line: 1, column: 31 });
    expect(at('xyz')).toEqual({ line: 1, column: 1, what: "Unexpected token 'x'" });
  });

  it('lists every problem, the first one named in `error`', () => {
    const doc = withAccount(3, { broker: 'http://x' });
    doc.accounts[4] = { ...doc.accounts[4], transport: 'tcp' };
    const result = validateSettings(doc);
    if (result.ok) throw new Error('expected the settings to be refused');
    expect(result.errors.map((e) => e.field)).toEqual([
      'accounts[3].broker',
      'accounts[4].transport',
    ]);
    expect(result.error.field).toBe('accounts[3].broker');
    expect(result.error.expected).toBe('expected an mqtt://, mqtts://, ws:// or wss:// URL');
  });
});
