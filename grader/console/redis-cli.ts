import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { cString } from './c-string.ts';
import { repeatCount, splitArgumentBytes } from './cli-arguments.ts';
import { CliRepl } from './cli-repl.ts';
import { CliTranscript } from './cli-transcript.ts';

export interface CliOutput {
  /** What redis-cli would print: the very replies, in the very format, of a learner's terminal. */
  text: string;
  /** A command was still waiting after the time limit (a blocking command, SUBSCRIBE) and was stopped. */
  timedOut: boolean;
  /** The run printed more than `MAX_OUTPUT_CHARS` and was stopped there. */
  cut: boolean;
  /** The connection to Redis failed or closed during the run (the text says how, as redis-cli does). */
  lost: boolean;
  /**
   * Each error Redis replied, in order. The text alone does not tell: redis-cli prints some
   * commands' replies raw (CLIENT LIST, INFO), an error among them without its "(error)".
   */
  errors: string[];
}

/** What one run may print: a console is for reading replies, not for moving data. */
export const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * The bytes of one string kept for printing: enough to fill the output whatever they are (a
 * UTF-8 character takes at most 4), so that a reply bigger than the output is never held whole.
 */
const MAX_STRING_BYTES = 4 * MAX_OUTPUT_CHARS + 4;

/**
 * Runs commands, one per line, as `redis-cli -s <socket> --user learner --no-raw` would with
 * the lines as its input, on a connection of this process's own (see CliRepl), and answers what
 * redis-cli would print. The run is given `timeoutMs`, then stopped: its connection closes,
 * which ends a command waiting in Redis too.
 */
export async function runRedisCli(
  sandbox: SandboxAddress,
  commands: string,
  timeoutMs: number,
): Promise<CliOutput> {
  const transcript = new CliTranscript(MAX_OUTPUT_CHARS);
  const repl = new CliRepl(sandbox, transcript, MAX_STRING_BYTES);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    repl.stop();
  }, timeoutMs);
  try {
    await repl.run(commands);
  } finally {
    clearTimeout(timer);
  }
  return {
    text: transcript.end(),
    timedOut,
    cut: transcript.cut,
    lost: repl.lost,
    errors: repl.errors,
  };
}

/**
 * Whether redis-cli would run `line` more than once, or refuse it for its repeat count: it reads
 * a first argument that is a whole number, quoted or not, signed or not ("5", +5, "\x35"), as a
 * repeat count for the rest.
 */
export function repeatsCommand(line: string): boolean {
  const args = splitArgumentBytes(line) ?? [];
  // An empty first argument is no number: redis-cli only prints that it is no repeat count.
  return repeatCount(args) !== undefined && cString(args[0] as Buffer) !== '';
}

/** Whether `line` is SYNC or PSYNC, which redis-cli takes as "become a replica and dump the data". */
export function startsReplication(line: string): boolean {
  const first = splitArgumentBytes(line)?.[0];
  return first !== undefined && /^p?sync$/i.test(cString(first));
}

/** Whether `line` is redis-cli's own CONNECT host port, which moves it to another server. */
export function switchesServer(line: string): boolean {
  const args = splitArgumentBytes(line);
  return args?.length === 3 && /^connect$/i.test(cString(args[0] as Buffer));
}
