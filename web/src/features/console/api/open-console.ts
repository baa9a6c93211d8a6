import { api } from '../../../lib/api-client.ts';

export const openConsole = () => api<{ id: string }>('/consoles', { method: 'POST' });
