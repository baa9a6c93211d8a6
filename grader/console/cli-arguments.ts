/**
 * A line's arguments as redis-cli splits them (sdssplitargs): quoted parts may start anywhere in
 * an argument, "…" with C-like escapes (\xHH, \n, …), '…' with \' alone; a closing quote must
 * end its argument. `undefined` for a line redis-cli refuses (an unbalanced quote).
 */
export function splitArguments(line: string): string[] | undefined {
  const found: string[] = [];
  let at = 0;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
  for (;;) {
    while (at < line.length && /\s/.test(line[at] ?? '')) at += 1;
    if (at >= line.length) return found;
    let argument = '';
    while (at < line.length && !/\s/.test(line[at] ?? '')) {
      const quote = line[at];
      if (quote !== '"' && quote !== "'") {
        argument += line[at++];
        continue;
      }
      at += 1;
      for (;;) {
        if (at >= line.length) return undefined;
        const char = line[at] ?? '';
        if (char === quote) {
          at += 1;
          if (at < line.length && !/\s/.test(line[at] ?? '')) return undefined;
          break;
        }
        const hex = quote === '"' && /^\\x[0-9a-fA-F]{2}/.exec(line.slice(at))?.[0];
        if (hex) {
          argument += String.fromCharCode(Number.parseInt(hex.slice(2), 16));
          at += 4;
        } else if (
          char === '\\' &&
          at + 1 < line.length &&
          (quote === '"' || line[at + 1] === "'")
        ) {
          const next = line[at + 1] ?? '';
          argument += quote === '"' ? (escapes[next] ?? next) : next;
          at += 2;
        } else {
          argument += char;
          at += 1;
        }
      }
      // The closing quote ended the argument.
      break;
    }
    found.push(argument);
  }
}
