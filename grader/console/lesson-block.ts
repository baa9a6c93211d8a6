import type Redis from 'ioredis';
import type { BlockComparison } from '../../contracts/index.ts';
import { sameBlockOutput } from './block-output.ts';
import { splitArguments } from './cli-arguments.ts';

/** A lesson's ```redis block: its commands, and the reply the lesson shows for them, if any. */
export interface LessonBlock {
  commands: string;
  expected?: string;
}

export type { BlockComparison };

/** Keys named by a block's commands, in order, as Redis finds them (COMMAND GETKEYS). */
export async function keysNamed(trusted: Redis, commands: string): Promise<string[]> {
  const lines = commands
    .split(/\r?\n/)
    .map(splitArguments)
    .filter((args): args is string[] => args !== undefined && args.length > 0);
  if (lines.length === 0) return [];
  const pipeline = trusted.pipeline();
  for (const args of lines) pipeline.call('COMMAND', 'GETKEYS', ...args);
  const replies = (await pipeline.exec()) ?? [];
  // A command with no keys, or one Redis does not know, answers an error: it names none.
  const keys = replies.flatMap(([error, reply]) => (error ? [] : (reply as string[])));
  return [...new Set(keys)];
}

/**
 * What is needed, before a block runs, to explain a reply that differs from the lesson's: the
 * keys it names, which of them the blocks above name, and which exist now.
 */
export async function beforeBlock(
  trusted: Redis,
  block: string,
  above: readonly string[],
): Promise<(output: string, expected: string) => BlockComparison> {
  const own = await keysNamed(trusted, block);
  const made = new Set((await Promise.all(above.map((b) => keysNamed(trusted, b)))).flat());
  const exists = own.length === 0 ? [] : await Promise.all(own.map((key) => trusted.exists(key)));
  const held = new Set(own.filter((_, index) => exists[index] === 1));
  return (output, expected) => ({
    matches: sameBlockOutput(output, expected),
    fromEarlier: own.filter((key) => held.has(key) && !made.has(key)),
    missing: own.filter((key) => !held.has(key) && made.has(key)),
  });
}
