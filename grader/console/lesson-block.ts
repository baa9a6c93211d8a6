import type Redis from 'ioredis';
import { sameBlockOutput } from './block-output.ts';
import { splitArguments } from './cli-arguments.ts';

/** A lesson's ```redis block: its commands, and the reply the lesson shows for them, if any. */
export interface LessonBlock {
  commands: string;
  expected?: string;
}

/**
 * How a block's reply compares with the lesson's, and what in the learner's Redis may explain a
 * difference. A lesson's blocks, run in order from an empty Redis, print what it shows (verify
 * holds every lesson to that), so a difference comes from keys the lesson did not make or keys
 * its blocks above made that are gone.
 */
export interface BlockComparison {
  /** The reply is the lesson's, to the character. */
  matches: boolean;
  /** Keys this block uses that Redis held before it ran, though no block above it names them. */
  fromEarlier: string[];
  /** Keys this block uses that a block above it names, missing when it ran (not run, or gone). */
  missing: string[];
}

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
