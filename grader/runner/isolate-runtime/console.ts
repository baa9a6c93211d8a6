// console.* writes into a buffer inside the isolate, capped, so that a learner's logging loop
// costs the host nothing; the worker takes the text after each check.

const TRUNCATED = '\n… [output truncated: your code printed more than the sandbox keeps]';

export interface Output {
  take(): string;
}

export function installConsole(maxChars: number): Output {
  let text = '';
  let truncated = false;
  const write = (prefix: string, values: unknown[]) => {
    if (truncated) return;
    const line = `${prefix}${values.map(show).join(' ')}\n`;
    if (text.length + line.length > maxChars) {
      text += line.slice(0, maxChars - text.length);
      truncated = true;
    } else {
      text += line;
    }
  };
  const sink = {
    log: (...values: unknown[]) => write('', values),
    info: (...values: unknown[]) => write('', values),
    debug: (...values: unknown[]) => write('', values),
    warn: (...values: unknown[]) => write('[warn] ', values),
    error: (...values: unknown[]) => write('[error] ', values),
  };
  Object.defineProperty(globalThis, 'console', { value: sink, writable: true, configurable: true });
  return {
    take() {
      const taken = truncated ? text + TRUNCATED : text;
      text = '';
      truncated = false;
      return taken;
    },
  };
}

/** Like Node's console: strings as they are, other values as JSON where they can be. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    if (value instanceof Error) return value.stack ?? String(value);
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return '[value that cannot be printed]';
    }
  }
}
