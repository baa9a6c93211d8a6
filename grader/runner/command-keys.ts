import type Redis from 'ioredis';
import type { ExecutedCommand } from '../checks/api.ts';

/** A command as executed, before Redis is asked which keys it names and whether it writes. */
export type RanCommand = Omit<ExecutedCommand, 'keys' | 'write'>;

/** Whether a command writes: for a container (OBJECT, XGROUP, FUNCTION…), per subcommand. */
interface WriteFlags {
  write: boolean;
  subcommands: ReadonlyMap<string, boolean>;
}

/**
 * Flags by command name, the same for every sandbox (one redis-server binary serves them all),
 * so asked once per process; `null` for a name Redis does not know.
 */
const flagsByName = new Map<string, WriteFlags | null>();

/** Keys found so far in one check, by command: a check may ask for `executed()` after every call. */
export type KnownKeys = Map<string, string[]>;

/**
 * The commands with the keys each names and whether it writes, as Redis itself tells
 * (COMMAND GETKEYS, COMMAND INFO's `write` flag) rather than a table of the checks' own: a
 * command Redis refuses or that names no key (MULTI, PING, SCRIPT LOAD) names none. Redis is
 * asked only about commands not in `known`, which the answers are added to.
 */
export async function withKeys(
  redis: Redis,
  commands: readonly RanCommand[],
  known: KnownKeys,
): Promise<ExecutedCommand[]> {
  const identity = (command: RanCommand) => JSON.stringify([command.name, ...command.args]);
  const unknown = new Map<string, RanCommand>();
  for (const command of commands) {
    const id = identity(command);
    if (!known.has(id)) unknown.set(id, command);
  }
  const asked = [...unknown.keys()];
  const pipeline = redis.pipeline();
  for (const { name, args } of unknown.values()) pipeline.call('COMMAND', 'GETKEYS', name, ...args);
  const [replies] = await Promise.all([
    asked.length > 0 ? pipeline.exec() : [],
    learnFlags(
      redis,
      commands.map((command) => command.name),
    ),
  ]);
  for (const [index, id] of asked.entries()) {
    const [error, keys] = replies?.[index] ?? [null, []];
    known.set(id, !error && Array.isArray(keys) ? keys.map(String) : []);
  }
  return commands.map((command) => ({
    ...command,
    keys: known.get(identity(command)) ?? [],
    write: writes(command),
  }));
}

/** The commands, each with Redis's write flag (see `withKeys`), keys not asked. */
export async function withWriteFlags<Command extends Pick<RanCommand, 'name' | 'args'>>(
  redis: Redis,
  commands: readonly Command[],
): Promise<(Command & { write: boolean })[]> {
  await learnFlags(
    redis,
    commands.map((command) => command.name),
  );
  return commands.map((command) => ({ ...command, write: writes(command) }));
}

function writes({ name, args }: Pick<RanCommand, 'name' | 'args'>): boolean {
  const flags = flagsByName.get(name);
  if (!flags) return false;
  if (flags.subcommands.size === 0) return flags.write;
  return flags.subcommands.get(`${name}|${args[0]?.toLowerCase() ?? ''}`) ?? false;
}

async function learnFlags(redis: Redis, names: readonly string[]): Promise<void> {
  const unknown = [...new Set(names)].filter((name) => !flagsByName.has(name));
  if (unknown.length === 0) return;
  const infos = (await redis.command('INFO', ...unknown)) as (unknown[] | null)[];
  for (const [index, name] of unknown.entries()) {
    const info = infos[index];
    const subcommands = new Map<string, boolean>();
    for (const sub of (info?.[9] ?? []) as unknown[][]) {
      subcommands.set(String(sub[0]).toLowerCase(), isWrite(sub));
    }
    flagsByName.set(name, info ? { write: isWrite(info), subcommands } : null);
  }
}

const isWrite = (info: unknown[]) => ((info[2] ?? []) as unknown[]).map(String).includes('write');
