import { describe, expect, it } from 'vitest';
import { mapMqttMessage, RETAINED } from '../../../app/connectors/mqtt/mapper.js';
import { matchingFilter, topicMatches } from '../../../app/connectors/mqtt/topic-filter.js';
import { mqttAccount } from '../../../app/core/settings/accounts.js';

describe('topic filters', () => {
  it.each([
    ['home/+/alarm', 'home/kitchen/alarm', true],
    ['home/+/alarm', 'home/kitchen/door', false],
    ['home/+/alarm', 'home/a/b/alarm', false],
    ['home/#', 'home', true],
    ['home/#', 'home/a/b', true],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['$share/readers/home/+', 'home/hall', true],
    ['home/hall', 'home/hall/', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('names the room by the first filter that matches, or the topic', () => {
    expect(matchingFilter(['home/#', 'home/+/alarm'], 'home/x/alarm')).toBe('home/#');
    expect(matchingFilter(['a/b'], 'c/d')).toBe('c/d');
  });

  it('the settings refuse a filter with a misplaced wildcard', () => {
    const parse = (topics: string[]) =>
      mqttAccount.safeParse({ id: 'm', type: 'mqtt', broker: 'mqtt://h', topics });
    expect(parse(['home/#/alarm']).error?.issues[0]?.message).toBe(
      'expected an MQTT topic filter: "+" only as a whole level, "#" only as the last level',
    );
    expect(parse(['home/a+']).success).toBe(false);
    expect(parse([]).error?.issues[0]?.message).toBe('expected at least one topic');
    expect(parse(['home/+/alarm', '#']).success).toBe(true);
  });
});

describe('mapping a message', () => {
  const account = { id: 'sensors', topics: ['home/+/alarm'] };
  const message = (payload: string | Buffer, retained = false) => ({
    topic: 'home/kitchen/alarm',
    payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
    retained,
    id: 'id-1',
    receivedAt: 1_000,
  });

  it('falls back to the topic and the text where a template finds nothing', () => {
    const event = mapMqttMessage(
      { ...account, title: '{{payload.where}}', body: '{{payload.message}}' },
      message('plain text'),
    );
    expect(event).toMatchObject({ title: 'home/kitchen/alarm', body: 'plain text' });
  });

  it('shows binary payloads in words', () => {
    const event = mapMqttMessage(account, message(Buffer.from([0xff, 0xfe, 0x00, 0x01])));
    expect(event.body).toBe('(4 bytes of binary data)');
  });

  it('a link only as http(s), each value encoded', () => {
    const event = mapMqttMessage(
      { ...account, link: 'https://home.example.com/{{payload.room}}' },
      message('{"room":"../admin?x=1"}'),
    );
    expect(event.url).toBe('https://home.example.com/..%2Fadmin%3Fx%3D1');
  });

  it('retained: history only', () => {
    expect(mapMqttMessage(account, message('armed', true)).historyOnly).toBe(RETAINED);
  });

  it('a JSON payload nested too deep is shown as text, not walked', () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const event = mapMqttMessage({ ...account, body: '{{payload.x}}' }, message(deep));
    expect(event.body).toBe(deep);
  });
});
