import { api } from '../../../lib/api-client.ts';
import type { ConsoleReply } from './run-commands.ts';

/**
 * How a block's reply compares with the one the lesson shows, and the keys that may explain a
 * difference (learner data: names of keys).
 */
export interface BlockComparison {
  matches: boolean;
  /** Keys the block uses that Redis held before it ran, though no block above it names them. */
  fromEarlier: string[];
  /** Keys the block uses that a block above names, missing when it ran. */
  missing: string[];
}

export interface BlockReply extends ConsoleReply {
  /** Only for a block whose reply the lesson shows. */
  comparison?: BlockComparison;
}

/** Runs the lesson's block `number` (1 for its first); the server runs the lesson's own copy. */
export const runBlock = (lesson: string, number: number, commands: string) =>
  api<BlockReply>(`/lessons/${encodeURIComponent(lesson)}/blocks/${number}/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
