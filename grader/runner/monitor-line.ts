/** One line of MONITOR: a command as Redis executed it. */
export interface MonitorLine {
  /** When Redis executed it, in milliseconds since the epoch. */
  at: number;
  /** `lua` for a command a script or function ran; otherwise the client's address. */
  source: string;
  /** The command and its arguments, exactly as Redis received them. */
  args: string[];
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
};

/**
 * Parses `1700000000.123456 [0 lua] "SET" "a\x00b"`: Redis quotes every argument and escapes
 * what is not printable (sdscatrepr), so the bytes come back exactly, as latin1 text.
 */
export function parseMonitorLine(line: string): MonitorLine | undefined {
  const open = line.indexOf('[');
  const close = line.indexOf('] ', open);
  if (open < 0 || close < 0) return undefined;
  const header = line.slice(open + 1, close);
  const source = header.slice(header.indexOf(' ') + 1);
  const args: string[] = [];
  let index = close + 2;
  while (index < line.length) {
    if (line[index] !== '"') return undefined;
    let arg = '';
    index += 1;
    while (index < line.length && line[index] !== '"') {
      const char = line[index] ?? '';
      if (char !== '\\') {
        arg += char;
        index += 1;
        continue;
      }
      const next = line[index + 1] ?? '';
      if (next === 'x') {
        arg += String.fromCharCode(Number.parseInt(line.slice(index + 2, index + 4), 16));
        index += 4;
      } else {
        arg += ESCAPES[next] ?? next;
        index += 2;
      }
    }
    args.push(arg);
    // The closing quote, then a space before the next argument.
    index += 2;
  }
  return { at: Number(line.slice(0, open - 1)) * 1000, source, args };
}
