// Errors shaped as Node's own: the same class, message and `code`, so that learner code which
// catches them, or prints them, sees in the sandbox what it sees under Node.

type ErrorClass = ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor;

/** What a host function answers instead of throwing, so that the error's `code` survives. */
export interface HostError {
  name: string;
  message: string;
  code?: string;
  /** Node's errors made in JavaScript print as `TypeError [ERR_X]: …`, those made in C++ do not. */
  bracketed?: boolean;
}

export type HostOutcome<T> = { value: T } | { error: HostError };

export function nodeError(
  Base: ErrorClass,
  code: string,
  message: string,
  bracketed = true,
): Error & { code: string } {
  const error = Object.assign(new Base(message), { code });
  if (bracketed) {
    Object.defineProperty(error, 'toString', {
      value: () => `${error.name} [${code}]: ${error.message}`,
      configurable: true,
      writable: true,
    });
  }
  return error;
}

const CLASSES: Record<string, ErrorClass> = { TypeError, RangeError };

/** Throws what a host function answered as an error; passes its value through. */
export function unwrap<T>(outcome: HostOutcome<T>): T {
  if ('value' in outcome) return outcome.value;
  const { name, message, code, bracketed } = outcome.error;
  const Base = CLASSES[name] ?? Error;
  if (code === undefined) throw new Base(message);
  throw nodeError(Base, code, message, bracketed);
}

/** How Node's inspect shows a string, in short: quoted with the first quote it does not hold. */
function quote(text: string): string {
  const escaped = text.replace(/[\\\n\t\r\b\f\v]/g, (c) => JSON.stringify(c).slice(1, -1));
  if (!text.includes("'")) return `'${escaped}'`;
  if (!text.includes('"')) return `"${escaped}"`;
  if (!text.includes('`')) return `\`${escaped}\``;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

/** How Node's argument errors end: "Received type number (1)", "Received an instance of Object". */
export function received(value: unknown): string {
  if (value === null || value === undefined) return `Received ${value}`;
  if (typeof value === 'function') return `Received function ${value.name}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `Received an instance of ${name}` : 'Received [Object: null prototype] {}';
  }
  let shown: string;
  if (typeof value === 'string') shown = quote(value);
  else if (typeof value === 'bigint') shown = `${value}n`;
  else if (Object.is(value, -0)) shown = '-0';
  else shown = String(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `Received type ${typeof value} (${shown})`;
}

/** ERR_INVALID_ARG_TYPE, e.g. `expected` = 'of type string' or 'an instance of Buffer'. */
export function invalidArgType(name: string, expected: string, value: unknown): Error {
  return nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}. ${received(value)}`,
  );
}

/** ERR_INVALID_ARG_VALUE: "The argument 'value' is invalid. Received 'zz'". */
export function invalidArgValue(name: string, value: unknown, reason = 'is invalid'): Error {
  const shown = typeof value === 'string' ? quote(value) : String(value);
  return nodeError(
    TypeError,
    'ERR_INVALID_ARG_VALUE',
    `The argument '${name}' ${reason}. Received ${shown}`,
  );
}
