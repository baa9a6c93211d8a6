import { isUtf8 } from 'node:buffer';

const LOGGED_ARG_LENGTH = 200;
const LOGGED_ARGS = 50;

/**
 * Arguments as the command log shows them: a Buffer as its text when it is text (a key or a
 * value written with Buffer.from('…')), otherwise as its size; long text cut; at most 50 (then
 * how many more), so that a check's log stays small whatever the learner sent.
 */
export function loggedArgs(args: readonly unknown[]): string[] {
  const shown = args.slice(0, LOGGED_ARGS).map(logged);
  if (args.length > LOGGED_ARGS) shown.push(`…${args.length - LOGGED_ARGS} more`);
  return shown;
}

function logged(arg: unknown): string {
  const text = Buffer.isBuffer(arg) ? bufferShown(arg) : String(arg);
  return text.length > LOGGED_ARG_LENGTH ? `${text.slice(0, LOGGED_ARG_LENGTH)}…` : text;
}

/** Control characters other than tab and line breaks: bytes, not text. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

function bufferShown(bytes: Buffer): string {
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    if (!CONTROL.test(text)) return text;
  }
  return `<${bytes.length} bytes>`;
}
