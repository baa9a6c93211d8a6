import { repeatsCommand, startsReplication, switchesServer } from './redis-cli.ts';

/** The most a console takes at once: commands are typed or run from a lesson, not uploaded. */
export const MAX_CONSOLE_LINES = 50;
export const MAX_CONSOLE_CHARS = 16_384;

export interface ConsoleEntry {
  /** The entry's commands, one a line: a line of C's spaces alone is none to redis-cli. */
  lines: string[];
  /** Why the console does not run the entry, when it does not: the learner reads it. */
  refusal?: string;
}

/**
 * What the console makes of an entry, typed or a lesson's block, before it runs any of it:
 * `keyspace verify` asks it too, so that a block the console would refuse fails verify.
 */
export function consoleEntry(commands: string): ConsoleEntry {
  const lines = commands.split('\n').filter((line) => !/^[\t\n\v\f\r ]*$/.test(line));
  return { lines, refusal: refusalOf(lines, commands) };
}

function refusalOf(lines: string[], commands: string): string | undefined {
  if (lines.length > MAX_CONSOLE_LINES || commands.length > MAX_CONSOLE_CHARS) {
    return `the console takes at most ${MAX_CONSOLE_LINES} commands and ${MAX_CONSOLE_CHARS} characters at once`;
  }
  // redis-cli reads a leading number as "run this that many times": one line, a million replies.
  if (lines.some(repeatsCommand)) {
    return 'a number before a command repeats it in redis-cli; the console runs each command once, so leave the number out';
  }
  if (lines.some(startsReplication)) {
    return 'SYNC and PSYNC make redis-cli a replica that copies the whole server; the console does not run them (see the lesson on replication for what they do)';
  }
  if (lines.some(switchesServer)) {
    return "redis-cli's CONNECT host port moves it to another server; the console speaks only to your own Redis";
  }
  return undefined;
}
