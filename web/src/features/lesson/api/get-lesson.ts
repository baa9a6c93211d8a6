import type { LessonView } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getLesson = (id: string) => api<LessonView>(`/lessons/${encodeURIComponent(id)}`);
