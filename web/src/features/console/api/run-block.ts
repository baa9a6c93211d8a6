import type { BlockReply } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/** Runs the lesson's block `number` (1 for its first); the server runs the lesson's own copy. */
export const runBlock = (lesson: string, number: number, commands: string) =>
  api<BlockReply>(`/lessons/${encodeURIComponent(lesson)}/blocks/${number}/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
