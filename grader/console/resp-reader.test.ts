import { describe, expect, it } from 'vitest';
import { type Reply, RespProtocolError, RespReader } from './resp-reader.ts';

/** One of every RESP2 and RESP3 type Redis sends, nested ones included. */
const EVERY_TYPE = [
  '+OK\r\n',
  '-ERR no such thing\r\n',
  ':-5\r\n',
  ':9223372036854775807\r\n',
  '$5\r\nhe\r\no\r\n',
  '$0\r\n\r\n',
  '$-1\r\n',
  '*-1\r\n',
  '*0\r\n',
  '*3\r\n*1\r\n:1\r\n$1\r\nx\r\n*0\r\n',
  '%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n*2\r\n:2\r\n:3\r\n',
  '~1\r\n$3\r\none\r\n',
  '>3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n',
  ',1.5\r\n',
  ',inf\r\n',
  '#t\r\n',
  '#f\r\n',
  '_\r\n',
  '(12345678901234567890\r\n',
  '=14\r\ntxt:two\r\nlines\r\n',
].join('');

function readAll(chunks: Buffer[], maxStringBytes = 1024): RespReader {
  const reader = new RespReader(maxStringBytes);
  for (const chunk of chunks) reader.feed(chunk);
  return reader;
}

/** Replies as plain data, strings as text, to compare. */
function plain(reply: Reply): unknown {
  if ('items' in reply) return { ...reply, items: reply.items.map(plain) };
  if ('bytes' in reply) return { ...reply, bytes: reply.bytes.toString('latin1') };
  return reply;
}

describe('reading RESP as redis-cli (hiredis) reads it', () => {
  it('reads every RESP2 and RESP3 type, however the bytes are split into chunks', () => {
    const bytes = Buffer.from(EVERY_TYPE, 'latin1');
    const whole = readAll([bytes]).replies.map(plain);
    expect(whole).toHaveLength(20);
    expect(whole.slice(0, 5)).toEqual([
      { type: 'status', bytes: 'OK' },
      { type: 'error', bytes: 'ERR no such thing' },
      { type: 'integer', value: -5n },
      { type: 'integer', value: 9223372036854775807n },
      { type: 'string', bytes: 'he\r\no', complete: true },
    ]);
    expect(whole[10]).toEqual({
      type: 'map',
      length: 4,
      complete: true,
      items: [
        { type: 'status', bytes: 'first' },
        { type: 'integer', value: 1n },
        { type: 'string', bytes: 'second', complete: true },
        {
          type: 'array',
          length: 2,
          complete: true,
          items: [
            { type: 'integer', value: 2n },
            { type: 'integer', value: 3n },
          ],
        },
      ],
    });
    expect(whole.slice(13)).toEqual([
      { type: 'double', bytes: '1.5' },
      { type: 'double', bytes: 'inf' },
      { type: 'boolean', value: true },
      { type: 'boolean', value: false },
      { type: 'nil' },
      { type: 'big-number', bytes: '12345678901234567890' },
      { type: 'verbatim', bytes: 'two\r\nlines', complete: true },
    ]);
    const byteByByte = readAll([...bytes].map((byte) => Buffer.from([byte])));
    expect(byteByByte.replies.map(plain)).toEqual(whole);
    for (const size of [2, 3, 7, 13]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) =>
        bytes.subarray(index * size, (index + 1) * size),
      );
      expect(readAll(chunks).replies.map(plain), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('shows a reply as far as it has come, and counts its bytes', () => {
    const first = '*2\r\n$3\r\nabc\r\n$10\r\n01234';
    const reader = readAll([Buffer.from(first)]);
    expect(reader.replies).toEqual([]);
    expect(reader.bytesInReply).toBe(first.length);
    expect(plain(reader.partial as Reply)).toEqual({
      type: 'array',
      length: 2,
      complete: false,
      items: [
        { type: 'string', bytes: 'abc', complete: true },
        { type: 'string', bytes: '01234', complete: false },
      ],
    });
    reader.feed(Buffer.from('56789\r\n:7\r\n'));
    expect(reader.replies).toHaveLength(2);
    expect(reader.partial).toBeUndefined();
    expect(reader.bytesInReply).toBe(0);
  });

  it('keeps no more of a string or a line than it is told, and goes on after it', () => {
    const reader = readAll([Buffer.from('$10\r\n0123456789\r\n+0123456789\r\n+OK\r\n')], 4);
    expect(reader.replies.map(plain)).toEqual([
      { type: 'string', bytes: '0123', complete: false },
      { type: 'status', bytes: '0123' },
      { type: 'status', bytes: 'OK' },
    ]);
  });

  it('refuses what is not RESP, in hiredis words', () => {
    for (const [bytes, message] of [
      ['?x\r\n', 'Protocol error, got "?" as reply type byte'],
      [':1x\r\n', 'Bad integer value'],
      ['#x\r\n', 'Bad bool value'],
      [
        '=3\r\nabc\r\n',
        'Verbatim string 4 bytes of content type are missing or incorrectly encoded.',
      ],
    ] as const) {
      expect(() => readAll([Buffer.from(bytes)]), bytes).toThrow(new RespProtocolError(message));
    }
  });
});
