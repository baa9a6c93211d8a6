import type { ExecutedCommand } from './api.ts';

/** Commands that run a script: the commands the script ran follow them, marked `script`. */
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** A write of a key made on what an earlier read of it said (see `writesOnARead`). */
export interface WriteOnARead {
  read: ExecutedCommand;
  write: ExecutedCommand;
}

/**
 * Each write of `key` made after the same client read it, with nothing to keep another client
 * from changing the key in between: not in the script or MULTI that read it, not in a MULTI a
 * WATCH of the key guards, and not a write that `decidesItself` (HINCRBY, SET … NX: it decides
 * again, in Redis, as it runs). Such a write acts on what the program read, which may no longer
 * be true. A race shows it only in an interleaving that harms; this shows it in any call, a
 * module's first and later calls alike, whatever the order.
 */
export function writesOnARead(
  commands: readonly ExecutedCommand[],
  key: string,
  decidesItself: (command: ExecutedCommand) => boolean = () => false,
): WriteOnARead[] {
  const found: WriteOnARead[] = [];
  const firstRead = new Map<number | undefined, ExecutedCommand>();
  // Units of commands no other client can come between: a script, a MULTI, or one command.
  const readIn = new Set<number>();
  const inMulti = new Map<number | undefined, number>();
  const watching = new Map<number | undefined, boolean>();
  let unit = 0;
  let script = 0;
  let scriptClient: number | undefined;
  for (const command of commands) {
    const { name } = command;
    const client = command.script ? scriptClient : command.client;
    let here: number;
    if (command.script) here = script;
    else if (SCRIPT_RUNNERS.has(name)) {
      script = ++unit;
      scriptClient = command.client;
      continue;
    } else if (name === 'watch') {
      watching.set(client, watching.get(client) || command.args.includes(key));
      continue;
    } else if (name === 'unwatch') {
      watching.set(client, false);
      continue;
    } else if (name === 'multi') {
      inMulti.set(client, ++unit);
      continue;
    } else if (name === 'exec' || name === 'discard') {
      inMulti.delete(client);
      watching.set(client, false);
      continue;
    } else here = inMulti.get(client) ?? ++unit;
    if (!command.keys.includes(key)) continue;
    const read = firstRead.get(client);
    if (!command.write) {
      if (!read) firstRead.set(client, command);
      readIn.add(here);
      continue;
    }
    const watched = inMulti.has(client) && watching.get(client);
    if (read && !readIn.has(here) && !watched && !decidesItself(command)) {
      found.push({ read, write: command });
    }
  }
  return found;
}
