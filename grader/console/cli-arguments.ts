import { cString } from './c-string.ts';

/** C's isspace in the C locale, which redis-cli runs in: NBSP and other Unicode spaces are not. */
const isSpace = (byte: number | undefined): boolean =>
  byte === 0x20 || (byte !== undefined && byte >= 0x09 && byte <= 0x0d);

const isHex = (byte: number | undefined): boolean =>
  byte !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(byte));

/** The bytes `\n`, `\r`, `\t`, `\b` and `\a` stand for in a "…" argument. */
const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, a: 0x07 };

/**
 * A line's arguments as redis-cli sends them (sds.c's sdssplitargs, on the line's UTF-8 bytes):
 * quoted parts may start anywhere in an argument, "…" with C-like escapes (\xHH is one byte, any
 * other escaped character stands for itself), '…' with \' alone; a closing quote must end its
 * argument. Outside quotes only space, tab, CR and LF end an argument. `undefined` for a line
 * redis-cli refuses (an unbalanced quote, or a quote not ending its argument).
 */
export function splitArgumentBytes(line: string): Buffer[] | undefined {
  const bytes = Buffer.from(line, 'utf8');
  // redis-cli reads the line as a C string: it ends at the first NUL.
  const nul = bytes.indexOf(0);
  const text = nul === -1 ? bytes : bytes.subarray(0, nul);
  const found: Buffer[] = [];
  let at = 0;
  for (;;) {
    while (isSpace(text[at])) at += 1;
    if (at >= text.length) return found;
    const argument: number[] = [];
    let quote: number | undefined;
    for (let done = false; !done; ) {
      const byte = text[at];
      if (quote === 0x22) {
        if (byte === 0x5c && text[at + 1] === 0x78 && isHex(text[at + 2]) && isHex(text[at + 3])) {
          argument.push(Number.parseInt(text.toString('latin1', at + 2, at + 4), 16));
          at += 3;
        } else if (byte === 0x5c && text[at + 1] !== undefined) {
          at += 1;
          const escaped = text[at] as number;
          argument.push(ESCAPES[String.fromCharCode(escaped)] ?? escaped);
        } else if (byte === 0x22) {
          if (at + 1 < text.length && !isSpace(text[at + 1])) return undefined;
          done = true;
        } else if (byte === undefined) {
          return undefined;
        } else {
          argument.push(byte);
        }
      } else if (quote === 0x27) {
        if (byte === 0x5c && text[at + 1] === 0x27) {
          at += 1;
          argument.push(0x27);
        } else if (byte === 0x27) {
          if (at + 1 < text.length && !isSpace(text[at + 1])) return undefined;
          done = true;
        } else if (byte === undefined) {
          return undefined;
        } else {
          argument.push(byte);
        }
      } else if (
        byte === undefined ||
        byte === 0x20 ||
        byte === 0x0a ||
        byte === 0x0d ||
        byte === 0x09
      ) {
        done = true;
      } else if (byte === 0x22 || byte === 0x27) {
        quote = byte;
      } else {
        argument.push(byte);
      }
      if (at < text.length) at += 1;
    }
    found.push(Buffer.from(argument));
  }
}

/** The arguments of `splitArgumentBytes` as text (UTF-8), for asking Redis about a command. */
export function splitArguments(line: string): string[] | undefined {
  return splitArgumentBytes(line)?.map((argument) => argument.toString('utf8'));
}

/** The largest C long: strtol's range. */
const LONG_MAX = 2n ** 63n - 1n;

/**
 * What redis-cli makes of a line's first argument when more follow: C's strtol must read it
 * whole (leading spaces, a sign and digits: "5", +5, "\x35") for a repeat count; `invalid` when
 * it reads as one that is not positive, or as nothing at all (an empty first argument), which
 * redis-cli refuses. `undefined`: no repeat count, the line is a command.
 */
export function repeatCount(args: readonly Buffer[]): number | 'invalid' | undefined {
  const first = args[0];
  if (first === undefined || args.length < 2) return undefined;
  const text = cString(first);
  if (text === '') return 'invalid';
  const number = /^[\t\n\v\f\r ]*([+-]?\d+)$/.exec(text)?.[1];
  if (number === undefined) return undefined;
  const count = BigInt(number);
  // Beyond a long, strtol says ERANGE, which redis-cli refuses too.
  return count > 0n && count <= LONG_MAX ? Number(count) : 'invalid';
}
