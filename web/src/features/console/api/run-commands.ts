import { api } from '../../../lib/api-client.ts';

/** What the commands printed, as redis-cli prints it; `note` says why when something was refused. */
export interface ConsoleReply {
  output: string;
  note?: string;
}

export const runCommands = (consoleId: string, commands: string) =>
  api<ConsoleReply>(`/consoles/${encodeURIComponent(consoleId)}/commands`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
