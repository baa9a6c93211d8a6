import { cString } from './c-string.ts';
import type { AggregateReply, Reply } from './resp-reader.ts';

/**
 * A reply printed as redis-cli prints it (redis-cli.c): `tty` as cliFormatReplyTTY, what a
 * terminal shows, `raw` as cliFormatReplyRaw, what redis-cli prints for INFO and its like. The
 * text holds bytes, one character each (latin1), as redis-cli writes them; `complete` is false
 * when the reply was still arriving, and the text is then as far as it goes.
 */
export interface Printed {
  text: string;
  complete: boolean;
}

/** redis-cli knows no RESP3 big number (hiredis's type 13): it says so and exits. */
export class UnknownReplyTypeError extends Error {
  constructor() {
    super('Unknown reply type: 13');
  }
}

export function formatTTY(reply: Reply): Printed {
  const out: string[] = [];
  const complete = tty(out, reply, '');
  return { text: out.join(''), complete };
}

export function formatRaw(reply: Reply): Printed {
  const out: string[] = [];
  const complete = raw(out, reply);
  return { text: out.join(''), complete };
}

/** Each byte as sds.c's sdscatrepr writes it inside quotes: C escapes, else printable or \xHH. */
const REPR = Array.from({ length: 256 }, (_, byte) => {
  const named: Record<number, string> = {
    92: '\\\\',
    34: '\\"',
    10: '\\n',
    13: '\\r',
    9: '\\t',
    7: '\\a',
    8: '\\b',
  };
  if (named[byte]) return named[byte];
  if (byte >= 0x20 && byte <= 0x7e) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
});

function repr(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += REPR[byte];
  return text;
}

const EMPTY: Record<AggregateReply['type'], string> = {
  array: '(empty array)\n',
  map: '(empty hash)\n',
  set: '(empty set)\n',
  push: '(empty push)\n',
};

/** Appends `reply` to `out`; false where it stopped at a part not read yet. */
function tty(out: string[], reply: Reply, prefix: string): boolean {
  switch (reply.type) {
    case 'error':
      out.push(`(error) ${cString(reply.bytes)}\n`);
      return true;
    case 'status':
      out.push(`${cString(reply.bytes)}\n`);
      return true;
    case 'integer':
      out.push(`(integer) ${reply.value}\n`);
      return true;
    case 'double':
      out.push(`(double) ${cString(reply.bytes)}\n`);
      return true;
    case 'string':
      out.push(`"${repr(reply.bytes)}`);
      if (!reply.complete) return false;
      out.push('"\n');
      return true;
    case 'verbatim':
      out.push(reply.bytes.toString('latin1'));
      if (!reply.complete) return false;
      out.push('\n');
      return true;
    case 'nil':
      out.push('(nil)\n');
      return true;
    case 'boolean':
      out.push(reply.value ? '(true)\n' : '(false)\n');
      return true;
    case 'big-number':
      throw new UnknownReplyTypeError();
    default:
      return aggregate(out, reply, prefix);
  }
}

/**
 * "1) …" one under another, each element's own elements indented past its number; a map's
 * "1# key => value", a value of several lines starting on a line of its own; a set's "1~".
 */
function aggregate(out: string[], reply: AggregateReply, prefix: string): boolean {
  if (reply.length === 0) {
    out.push(EMPTY[reply.type]);
    return true;
  }
  const map = reply.type === 'map';
  const width = String(map ? reply.length / 2 : reply.length).length;
  const nested = prefix + ' '.repeat(width + 2);
  const mark = reply.type === 'set' ? '~' : map ? '#' : ')';
  for (let index = 0; index < reply.length; index++) {
    const item = reply.items[index];
    if (!item) return false;
    const number = String((map ? index / 2 : index) + 1).padStart(width);
    // The caller wrote this line's start (its own number) before the first element.
    out.push(`${index === 0 ? '' : prefix}${number}${mark} `);
    if (!tty(out, item, nested)) return false;
    if (!map) continue;
    index += 1;
    // The key's line goes on with its value.
    out.push((out.pop() as string).slice(0, -1), ' => ');
    const value = reply.items[index];
    const multiline = value && multilineTTY(value);
    if (multiline === undefined) return false;
    if (multiline) out.push(`\n${nested}`);
    if (!tty(out, value as Reply, nested)) return false;
  }
  return reply.complete;
}

/** cliIsMultilineValueTTY; undefined when the elements that decide have not arrived. */
function multilineTTY(reply: Reply): boolean | undefined {
  if (reply.type !== 'array' && reply.type !== 'set' && reply.type !== 'push') {
    if (reply.type !== 'map') return false;
    if (reply.length === 0) return false;
    if (reply.length > 2) return true;
    const value = reply.items[1];
    return value && multilineTTY(value);
  }
  if (reply.length === 0) return false;
  if (reply.length > 1) return true;
  const first = reply.items[0];
  return first && multilineTTY(first);
}

function raw(out: string[], reply: Reply): boolean {
  switch (reply.type) {
    case 'nil':
      return true;
    case 'error':
      out.push(`${reply.bytes.toString('latin1')}\n`);
      return true;
    case 'status':
      out.push(reply.bytes.toString('latin1'));
      return true;
    case 'string':
    case 'verbatim':
      out.push(reply.bytes.toString('latin1'));
      return reply.complete;
    case 'boolean':
      out.push(reply.value ? '(true)' : '(false)');
      return true;
    case 'integer':
      out.push(String(reply.value));
      return true;
    case 'double':
      out.push(cString(reply.bytes));
      return true;
    case 'big-number':
      throw new UnknownReplyTypeError();
    default: {
      const step = reply.type === 'map' ? 2 : 1;
      for (let index = 0; index < reply.length; index += step) {
        if (index > 0) out.push('\n');
        const item = reply.items[index];
        if (!item || !raw(out, item)) return false;
        if (step === 1) continue;
        out.push(' ');
        const value = reply.items[index + 1];
        if (!value || !raw(out, value)) return false;
      }
      return reply.complete;
    }
  }
}
