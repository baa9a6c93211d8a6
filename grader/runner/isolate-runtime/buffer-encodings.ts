import type { Buffer as BufferClass } from 'buffer';
import { invalidArgValue, nodeError } from './node-errors.ts';

// The `buffer` polyfill has Node's encodings but for a few gaps, closed here: it knows no
// base64url; it decodes hex with parseInt, so '0g12' gives two bytes where Node stops at the first
// bad pair, and an odd last digit becomes a byte; it writes half a UTF-16 code unit into an odd
// length; it counts base64 bytes otherwise than Node's byteLength; its errors lack Node's codes.
// Buffer.from, alloc and fill all end in write(), so a few patches reach every path.

const UTF16 = new Set(['ucs2', 'ucs-2', 'utf16le', 'utf-16le']);

const lower = (encoding: unknown) => (typeof encoding === 'string' ? encoding.toLowerCase() : '');

/** A hex digit's value, or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lowered = code | 0x20;
  return lowered >= 97 && lowered <= 102 ? lowered - 87 : -1;
}

/** Node's hex decoding, as a latin1 string (one character per byte) for the polyfill to write. */
function hexToLatin1(hex: string): string {
  const parts: string[] = [];
  let codes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const high = nibble(hex.charCodeAt(i));
    const low = nibble(hex.charCodeAt(i + 1));
    if (high < 0 || low < 0) break;
    codes.push(high * 16 + low);
    // fromCharCode takes its codes as arguments, of which an engine allows only so many.
    if (codes.length === 8192) {
      parts.push(String.fromCharCode(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCharCode(...codes));
  return parts.join('');
}

/** Node's estimate for base64 and base64url, which Buffer.byteLength returns as it is. */
function base64ByteLength(text: string): number {
  let length = text.length;
  if (text.charCodeAt(length - 1) === 0x3d) length--;
  if (length > 1 && text.charCodeAt(length - 1) === 0x3d) length--;
  return (length * 3) >>> 2;
}

/** Runs `work`, giving the polyfill's unknown-encoding error the `code` Node's has. */
function coded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('Unknown encoding: ')) {
      throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', error.message);
    }
    throw error;
  }
}

export function withNodeEncodings(Buffer: typeof BufferClass): typeof BufferClass {
  const { isEncoding, byteLength, from } = Buffer;
  const { write, toString: toText, fill } = Buffer.prototype;

  Buffer.isEncoding = (encoding: string): encoding is BufferEncoding =>
    isEncoding(encoding) || lower(encoding) === 'base64url';

  Buffer.byteLength = function (this: unknown, ...args: unknown[]) {
    const [text, encoding] = args;
    const name = lower(encoding);
    if (
      typeof text === 'string' &&
      text.length > 0 &&
      (name === 'base64' || name === 'base64url')
    ) {
      return base64ByteLength(text);
    }
    return byteLength.apply(this, args as Parameters<typeof byteLength>);
  } as typeof byteLength;

  Buffer.prototype.write = function (
    this: BufferClass,
    text: string,
    offset?: unknown,
    length?: unknown,
    encoding?: unknown,
  ) {
    const args = [offset, length, encoding];
    // Where the polyfill finds the encoding among write(string[, offset[, length]][, encoding]).
    const at =
      offset === undefined
        ? -1
        : length === undefined && typeof offset === 'string'
          ? 0
          : Number.isFinite(Number(length))
            ? 2
            : 1;
    let data = text;
    const name = at < 0 ? '' : lower(args[at]);
    if (name === 'hex') {
      data = hexToLatin1(String(text));
      args[at] = 'latin1';
    } else if (name === 'base64url') {
      // The polyfill's base64 decoder takes - and _ as Node's does.
      args[at] = 'base64';
    } else if (at === 2 && UTF16.has(name)) {
      const units = Number(length) >>> 1;
      args[1] = units * 2;
    }
    return coded(() => (write as (...all: unknown[]) => number).call(this, data, ...args));
  } as typeof write;

  // Rest parameters: the polyfill tells toString() from toString(undefined) by their count.
  Buffer.prototype.toString = function (this: BufferClass, ...args: unknown[]) {
    if (lower(args[0]) !== 'base64url') {
      return coded(() => toText.apply(this, args as Parameters<typeof toText>));
    }
    const [, start, end] = args as [unknown, number?, number?];
    return toText
      .call(this, 'base64', start, end)
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  } as typeof toText;
  Buffer.prototype.toLocaleString = Buffer.prototype.toString;

  Buffer.prototype.fill = function (this: BufferClass, ...args: unknown[]) {
    const [value, ...rest] = args;
    if (typeof value === 'string' && value.length > 0) {
      const name = rest.find((arg) => typeof arg === 'string') as string;
      if (Buffer.isEncoding(name) && Buffer.from(value, name).length === 0) {
        throw invalidArgValue('value', value);
      }
    }
    return coded(() => fill.apply(this, args as Parameters<typeof fill>));
  } as typeof fill;

  Buffer.from = function (this: unknown, ...args: unknown[]) {
    return coded(() => (from as (...all: unknown[]) => BufferClass).apply(this, args));
  } as typeof from;
  return Buffer;
}
