import { api } from '../../../lib/api-client.ts';

/**
 * What the commands printed, as redis-cli prints it; `note` says why when something was refused,
 * or that the learner's sandbox had stopped and a fresh one took its place.
 */
export interface ConsoleReply {
  output: string;
  note?: string;
}

export const runCommands = (commands: string) =>
  api<ConsoleReply>('/console/commands', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
