import { Buffer } from 'node:buffer';
import type Redis from 'ioredis';

// Buffer's encodings both ways, as Node has them: base64url everywhere, hex that stops at the first
// bad pair, UTF-16 that writes whole code units, and bytes that survive a trip through Redis.

const ENCODINGS = [
  'utf8',
  'latin1',
  'binary',
  'ucs2',
  'utf16le',
  'UTF-16LE',
  'hex',
  'HEX',
  'base64',
  'base64url',
  'Base64URL',
  'ascii',
] as BufferEncoding[];
const TEXTS = [
  '',
  'hello',
  'héllo wörld €😀',
  'ÿĀ',
  'abz',
  'abc',
  '0g12',
  'DeadBeef',
  'aGVsbG8',
  'aGVsbG8=',
  'aGV sbG8=\n',
  '-_-_',
  '+/+/',
  '_w',
  'a===',
];
const BYTES = [[], [0, 1, 2, 254, 255], [0xfb, 0xff, 0xbf], [0xe9], [0xd8, 0x00, 0x41]];

function attempt(work: () => unknown): unknown {
  try {
    return work();
  } catch (error) {
    return error;
  }
}

export default async function main(redis: Redis) {
  const decoded: Record<string, unknown> = {};
  const encoded: Record<string, unknown> = {};
  for (const encoding of ENCODINGS) {
    decoded[encoding] = TEXTS.map((text) => ({
      from: Buffer.from(text, encoding),
      byteLength: Buffer.byteLength(text, encoding),
      written: attempt(() => {
        const target = Buffer.alloc(7);
        return [target.write(text, 1, 5, encoding), target];
      }),
      filled: attempt(() => Buffer.alloc(5, text, encoding)),
    }));
    encoded[encoding] = BYTES.map((bytes) => {
      const buffer = Buffer.from(bytes);
      return [buffer.toString(encoding), buffer.toString(encoding, 1, 3)];
    });
  }
  const token = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x3e, 0x3f]);
  await redis.set('token:url', token.toString('base64url'));
  await redis.set('token:raw', token);
  const stored = (await redis.get('token:url')) ?? '';
  return {
    decoded,
    encoded,
    isEncoding: [...ENCODINGS, 'utf-8', 'buffer', 'nope', ''].map((name) =>
      Buffer.isEncoding(name),
    ),
    unknown: attempt(() => Buffer.from('x', 'nope' as BufferEncoding)),
    writeForms: [
      attempt(() => Buffer.alloc(4).write('abcd', 'hex')),
      attempt(() => Buffer.alloc(4).write('-_8', 1, 'base64url')),
      attempt(() => Buffer.alloc(4).write('ab', 0, 3, 'ucs2')),
    ],
    stored,
    back: Buffer.from(stored, 'base64url'),
    raw: await redis.getBuffer('token:raw'),
    rawAsHex: (await redis.getBuffer('token:raw'))?.toString('hex'),
  };
}
