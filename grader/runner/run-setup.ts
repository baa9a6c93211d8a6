import { ReplyError } from 'ioredis';
import type { SandboxConnections } from './sandbox-connections.ts';

/** The learner's Redis refused a command of the exercise's `setup:`: Run calls nothing. */
export class SetupRefusedError extends Error {
  override name = 'SetupRefusedError';
}

/**
 * Sends an exercise's `setup:` as the learner, in order, before Run's calls: the data the calls
 * work on (a hash the cache reads from, say), whatever earlier Runs or the console left.
 */
export async function prepareSandbox(
  connections: SandboxConnections,
  setup: readonly string[][],
): Promise<void> {
  if (setup.length === 0) return;
  const client = connections.learner();
  const sent = new Set<string>();
  try {
    for (const [name = '', ...args] of setup) {
      sent.add(name.toLowerCase());
      try {
        await client.call(name, ...args);
      } catch (error) {
        if (!(error instanceof ReplyError)) throw error;
        throw new SetupRefusedError(refusal([name, ...args], (error as Error).message));
      }
    }
  } finally {
    // setup holds no command that leaves state on its connection (content/run-setup.ts).
    connections.giveBack(client, { pending: 0, sent });
  }
}

function refusal(words: string[], reply: string): string {
  const command = words.map(quoted).join(' ');
  const advice = reply.startsWith('WRONGTYPE')
    ? ' A key it names holds another type in your Redis: delete that key in the console (DEL <key>), then Run again.'
    : '';
  return `Before calling your code, Run stores the data it works on, and your Redis refused: ${command} answered ${reply}.${advice}`;
}

const quoted = (word: string) => (/^[^\s"']+$/.test(word) ? word : JSON.stringify(word));
