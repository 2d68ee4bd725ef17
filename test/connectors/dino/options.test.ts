import { describe, expect, it } from 'vitest';
import { defaultClientId, sessionOptions } from '../../../app/connectors/dino/account-options.js';
import { oneToOneGroupId, oneToOnePeer } from '../../../app/connectors/dino/group-id.js';
import { expandLink } from '../../../app/connectors/dino/links.js';
import {
  connackError,
  disconnectError,
  subackError,
} from '../../../app/connectors/dino/reason-codes.js';
import { dinoAccount } from '../../../app/core/settings/accounts.js';
import { SEED, SEED_USER } from './fixtures.js';

const base = { id: 'dino', type: 'dino', broker: 'mqtts://mqtt.example.com:8883', userId: '1234' };

describe('session options from the account', () => {
  it('defaults: Dino topic for prod, a stable client id, a day of session', () => {
    expect(sessionOptions(dinoAccount.parse(base))).toEqual({
      url: 'mqtts://mqtt.example.com:8883',
      clientId: 'tidings_1234_dino',
      sessionExpirySeconds: 86_400,
      subscriptions: [{ topic: 'dms/prod/1234', required: true }],
    });
  });

  it('environment, topic, Dino-issued client id, extra topics and expiry', () => {
    const withEnv = dinoAccount.parse({ ...base, environment: 'testpopp' });
    expect(sessionOptions(withEnv).subscriptions[0]?.topic).toBe('dms/testpopp/1234');
    const full = dinoAccount.parse({
      ...base,
      topic: 'dms/prod/1234',
      topics: ['dms/prod/irc', 'dms/prod/1234', 'dms/prod/irc', 'dms/prod/chatops'],
      clientId: '1234_popp_0',
      sessionExpirySeconds: 600,
    });
    expect(sessionOptions(full)).toMatchObject({
      clientId: '1234_popp_0',
      sessionExpirySeconds: 600,
      subscriptions: [
        { topic: 'dms/prod/1234', required: true },
        { topic: 'dms/prod/irc', required: false },
        { topic: 'dms/prod/chatops', required: false },
      ],
    });
  });

  it('the default client id is the same on every start and safe for any broker', () => {
    expect(defaultClientId({ id: 'work.dino', userId: 'a b/c' })).toBe('tidings_a-b-c_work.dino');
    expect(defaultClientId({ id: 'x', userId: '1' })).toBe(
      defaultClientId({ id: 'x', userId: '1' }),
    );
  });

  it('the schema refuses an environment that would change the topic shape', () => {
    const result = dinoAccount.safeParse({ ...base, environment: 'prod/1234' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/without "\/"/);
  });
});

describe('MQTT 5 reason codes in words, and whether retrying can help', () => {
  const table: [number, string, string][] = [
    [0x86, 'auth', 'bad user name or password'],
    [0x87, 'auth', 'not authorized: check the user name, password and client id'],
    [0x85, 'auth', 'client identifier not valid: check the client id'],
    [0x8a, 'auth', 'banned'],
    [0x8c, 'auth', 'bad authentication method'],
    [0x88, 'network', 'server unavailable'],
    [0x89, 'network', 'server busy'],
    [0x9f, 'network', 'connection rate exceeded'],
    [0x9c, 'config', 'use another server'],
    [0x84, 'protocol', 'unsupported protocol version'],
    [0x55, 'protocol', 'reason code 0x55'],
  ];
  it.each(
    table.map(([code, kind, message]) => [`0x${code.toString(16)}`, code, kind, message] as const),
  )('CONNACK %s is %s: "%s"', (_hex, code, kind, message) => {
    const error = connackError(code);
    expect({ kind: error.kind, message: error.message }).toEqual({ kind, message });
  });

  it('SUBACK refusals name the topic', () => {
    expect(subackError('dms/prod/1234', 0x87)).toMatchObject({
      kind: 'auth',
      message: 'not authorized to read dms/prod/1234',
    });
    expect(subackError('dms/+/#/x', 0x8f)).toMatchObject({
      kind: 'config',
      message: 'dms/+/#/x refused: topic filter invalid',
    });
    expect(subackError('dms/prod/1234', 0x97)).toMatchObject({ kind: 'network' });
  });

  it('a DISCONNECT from the broker says why; a session takeover names the client id', () => {
    expect(disconnectError(0x8e, 'tidings_1234_dino').message).toBe(
      'session taken over: another client connected with the client id tidings_1234_dino',
    );
    expect(disconnectError(0x8b, 'x')).toMatchObject({
      kind: 'network',
      message: 'disconnected by the broker: server shutting down',
    });
    expect(disconnectError(undefined, 'x').message).toBe('connection lost');
  });
});

describe("Dino's one-to-one group ids", () => {
  it('read back the other member', () => {
    expect(oneToOneGroupId('12341234', '55554444')).toBe(SEED.message.group_id);
    expect(oneToOnePeer(SEED.message.group_id, SEED_USER)).toBe('12341234');
    expect(oneToOnePeer(SEED.message.group_id, '12341234')).toBe('55554444');
  });

  it('say nothing about other ids', () => {
    expect(oneToOnePeer(SEED.message.group_id, '1')).toBeUndefined();
    expect(oneToOnePeer(SEED.group.group_id, '1234')).toBeUndefined();
    expect(oneToOnePeer('not-a-uuid', '1234')).toBeUndefined();
    expect(oneToOnePeer(SEED.message.group_id, 'alice')).toBeUndefined();
  });
});

describe('link templates', () => {
  it('encode every value', () => {
    expect(
      expandLink('https://x.example/{group_id}/{message_id}?u={user_id}', {
        group_id: '../admin',
        message_id: 'a&b',
        user_id: '1 2',
      }),
    ).toBe('https://x.example/..%2Fadmin/a%26b?u=1%202');
  });

  it('make no link to no conversation', () => {
    expect(expandLink('https://x.example/{group_id}', {})).toBeUndefined();
    expect(expandLink('https://x.example/inbox?m={message_id}', {})).toBe(
      'https://x.example/inbox?m=',
    );
    expect(expandLink(undefined, { group_id: 'g' })).toBeUndefined();
  });
});
