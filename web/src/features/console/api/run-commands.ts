import type { ConsoleReply } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const runCommands = (commands: string) =>
  api<ConsoleReply>('/console/commands', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
