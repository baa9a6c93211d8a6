import { describe, expect, it } from 'vitest';
import { formatRaw, formatTTY, UnknownReplyTypeError } from './reply-format.ts';
import { type Reply, RespReader } from './resp-reader.ts';

/** One reply with a bit of everything: nested maps, a value of several lines, escapes. */
const NESTED = [
  '*4\r\n',
  '%3\r\n$4\r\nname\r\n$6\r\nad\x00\xffa"\r\n$4\r\nlist\r\n*2\r\n:1\r\n~1\r\n,2.5\r\n$3\r\none\r\n*1\r\n*1\r\n#t\r\n',
  '=9\r\ntxt:plain\r\n',
  '*11\r\n:1\r\n:2\r\n:3\r\n:4\r\n:5\r\n:6\r\n:7\r\n:8\r\n:9\r\n:10\r\n*0\r\n',
  '-ERR at the end\r\n',
].join('');

function read(bytes: string): Reply {
  const reader = new RespReader(1024);
  reader.feed(Buffer.from(bytes, 'latin1'));
  return reader.replies[0] as Reply;
}

describe("printing replies as redis-cli's cliFormatReplyTTY and cliFormatReplyRaw do", () => {
  it('prints nested replies with their numbers, marks and indentation', () => {
    expect(formatTTY(read(NESTED))).toEqual({
      complete: true,
      text: [
        '1) 1# "name" => "ad\\x00\\xffa\\""',
        '   2# "list" => ',
        '      1) (integer) 1',
        '      2) 1~ (double) 2.5',
        '   3# "one" => 1) 1) (true)',
        '2) plain',
        '3)  1) (integer) 1',
        ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `    ${n}) (integer) ${n}`),
        '   10) (integer) 10',
        '   11) (empty array)',
        '4) (error) ERR at the end',
        '',
      ].join('\n'),
    });
    expect(formatRaw(read(NESTED)).text).toBe(
      'name ad\x00\xffa"\nlist 1\n2.5\none (true)\nplain\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n\nERR at the end\n',
    );
  });

  it('prints a reply still arriving as the start of what it prints once whole', () => {
    const whole = { tty: formatTTY(read(NESTED)).text, raw: formatRaw(read(NESTED)).text };
    const reader = new RespReader(1024);
    for (const byte of Buffer.from(NESTED, 'latin1')) {
      reader.feed(Buffer.from([byte]));
      const partial = reader.partial;
      if (!partial) continue;
      const tty = formatTTY(partial);
      expect(tty.complete).toBe(false);
      expect(whole.tty.startsWith(tty.text), tty.text).toBe(true);
      expect(whole.raw.startsWith(formatRaw(partial).text)).toBe(true);
    }
    expect(reader.replies).toHaveLength(1);
  });

  it('says, as redis-cli says and exits, that it knows no big number', () => {
    const bigNumber = read('*1\r\n(123\r\n');
    expect(() => formatTTY(bigNumber)).toThrow(UnknownReplyTypeError);
    expect(() => formatRaw(bigNumber)).toThrow('Unknown reply type: 13');
  });
});
