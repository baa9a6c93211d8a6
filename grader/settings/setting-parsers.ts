import { resolve } from 'node:path';
import { UsageError } from '../cli/exit-codes.ts';
import type { Report } from '../cli/report-outputs.ts';
import { FORMAT_NAMES, type FormatName } from '../result/format-names.ts';

// Each parser takes a setting's text and the name it was given by (`--port`, or `PORT` when it
// came from the environment), and answers its value or throws a usage error that names it.

/** A parser of the settings table: its value, or a UsageError saying what it takes. */
export type Parse<T> = (text: string, label: string) => T;

/** A whole number within bounds. */
export function integer(min: number, max: number): Parse<number> {
  return (text, label) => {
    const value = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
      throw new UsageError(`${label} must be a whole number from ${min} to ${max}, not '${text}'`);
    }
    return value;
  };
}

/** Any text, as given: a path, an address, a name. */
export const text: Parse<string> = (value) => value;

/** A file or folder, made absolute from the current folder. */
export const path: Parse<string> = (value) => resolve(value);

/** One line of text with something on it. */
export const oneLine: Parse<string> = (value, label) => {
  if (!/^[^\r\n]*\S[^\r\n]*$/.test(value))
    throw new UsageError(`${label} must be one line of text`);
  return value;
};

/** One of a few words. */
export function oneOf<const W extends string>(words: readonly W[]): Parse<W> {
  return (value, label) => {
    if (!(words as readonly string[]).includes(value)) {
      throw new UsageError(`${label} must be ${alternatives(words)}, not '${value}'`);
    }
    return value as W;
  };
}

/** Below this, a token could be guessed within the instructor view's rate limit. */
const MIN_TOKEN_LENGTH = 16;

/** A bearer token, refused when it could not be sent in a header, or could be guessed. */
export const token: Parse<string> = (value, label) => {
  const trimmed = value.trim();
  if (trimmed.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new UsageError(
      `${label} must be at least ${MIN_TOKEN_LENGTH} visible ASCII characters without spaces, e.g. $(openssl rand -hex 32)`,
    );
  }
  return trimmed;
};

/** Express's trust proxy as it takes it: a hop count, or addresses and names such as `loopback`. */
export const trustProxy: Parse<string | number> = (value) =>
  /^\d+$/.test(value) ? Number(value) : value;

/** `'a', 'b' or 'c'`. */
export function alternatives(words: readonly string[]): string {
  const quoted = words.map((word) => `'${word}'`);
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** A report format's name. */
export const format: Parse<FormatName> = (value) => {
  if (!(FORMAT_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`unknown format '${value}': use one of ${FORMAT_NAMES.join(', ')}`);
  }
  return value as FormatName;
};

/** `FORMAT=PATH`: a report to write to a file. */
export const report: Parse<Report> = (value, label) => {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new UsageError(
      `${label} takes FORMAT=PATH (e.g. ${label} junit=reports/junit.xml), not '${value}'`,
    );
  }
  return { format: format(value.slice(0, at), label), path: value.slice(at + 1) };
};
