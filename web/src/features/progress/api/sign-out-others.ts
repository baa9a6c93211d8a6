import { api } from '../../../lib/api-client.ts';

/** Ends every copy of the learner cookie but this browser's; the server renews this one. */
export const signOutOthers = () => api<void>('/session/sign-out-others', { method: 'POST' });
