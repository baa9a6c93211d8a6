import type { CommandDocs } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getCommandDocs = () => api<CommandDocs>('/console/commands');
