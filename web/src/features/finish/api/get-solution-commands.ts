import { api } from '../../../lib/api-client.ts';

export interface SolutionCommands {
  /** Passing submissions the server read: one per exercise passed, while it keeps them. */
  solutions: number;
  /** Each Redis command the passing code calls, with the exercises whose code does; by name. */
  commands: { name: string; exercises: string[] }[];
}

export const getSolutionCommands = () => api<SolutionCommands>('/progress/commands');
