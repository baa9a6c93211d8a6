import type { CourseMap } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getCourse = () => api<CourseMap>('/course');
