import type { ConsoleReset } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/**
 * Empties the learner's Redis; given a lesson's block, then runs the lesson's blocks above it,
 * so that Redis holds what the lesson has there.
 */
export const resetConsole = (before?: { lesson: string; block: number }) =>
  api<ConsoleReset>('/console/reset', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(before ?? { lesson: null }),
  });
