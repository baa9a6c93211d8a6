import type { SolutionCommands } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getSolutionCommands = () => api<SolutionCommands>('/progress/commands');
