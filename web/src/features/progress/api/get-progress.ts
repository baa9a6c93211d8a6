import type { Progress } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getProgress = () => api<Progress>('/progress');
