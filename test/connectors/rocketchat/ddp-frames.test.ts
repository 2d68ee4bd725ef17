import { describe, expect, it } from 'vitest';
import { readFrame, RefusedFrame } from '../../../app/connectors/rocketchat/ddp-frames.js';

const read = (text: string) => readFrame(Buffer.from(text), false);

describe('readFrame', () => {
  it('reads a DDP object once', () => {
    expect(read('{"msg":"ping","id":"7"}')).toEqual({ msg: 'ping', id: '7' });
  });

  it('refuses binary, not JSON, not an object, and too deep, with a preview of the text', () => {
    expect(readFrame(Buffer.from([0xde, 0xad]), true)).toEqual(
      new RefusedFrame('malformed', { binary: true }),
    );
    expect(read('{"msg": "changed", ')).toEqual(
      new RefusedFrame('malformed', { preview: '{"msg": "changed", ' }),
    );
    expect(read('[1, 2, 3]')).toEqual(new RefusedFrame('malformed', { preview: '[1, 2, 3]' }));
    expect(read('null')).toEqual(new RefusedFrame('malformed', { preview: 'null' }));
    const deep = `{"msg":"changed","deep":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    expect(read(deep)).toEqual(
      new RefusedFrame('nested too deep', { preview: `${deep.slice(0, 120)}…` }),
    );
  });
});
