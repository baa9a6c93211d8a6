const LOGGED_ARG_LENGTH = 200;
const LOGGED_ARGS = 50;

/**
 * Arguments as the command log shows them: Buffers as their size, long text cut, at most 50
 * (then how many more), so that a check's log stays small whatever the learner sent.
 */
export function loggedArgs(args: readonly unknown[]): string[] {
  const shown = args.slice(0, LOGGED_ARGS).map(logged);
  if (args.length > LOGGED_ARGS) shown.push(`…${args.length - LOGGED_ARGS} more`);
  return shown;
}

function logged(arg: unknown): string {
  const text = Buffer.isBuffer(arg) ? `<${arg.length} bytes>` : String(arg);
  return text.length > LOGGED_ARG_LENGTH ? `${text.slice(0, LOGGED_ARG_LENGTH)}…` : text;
}
