import { type Grader, type Lesson, loadLessons } from '../../grader/index.ts';
import { notFound } from '../http-errors.ts';
import { renderMarkdown } from './render-markdown.ts';

export type LessonSummary = Pick<Lesson, 'id' | 'title' | 'summary' | 'minutes' | 'exercises'>;

export interface CourseMap {
  lessons: LessonSummary[];
}

export interface LessonView extends LessonSummary {
  html: string;
}

export interface ExerciseView {
  id: string;
  title: string;
  statementHtml: string;
  starter: string;
  hintCount: number;
}

/**
 * What the course API answers, from the course folder. Files are read on each request, so an
 * edited lesson shows on the next load.
 */
export class CourseService {
  constructor(private readonly grader: Grader) {}

  async courseMap(): Promise<CourseMap> {
    const lessons = await loadLessons(this.grader.courseDir);
    return { lessons: lessons.map(summarise) };
  }

  async lesson(id: string): Promise<LessonView> {
    const lessons = await loadLessons(this.grader.courseDir);
    const lesson = lessons.find((candidate) => candidate.id === id);
    if (!lesson) throw notFound(`no lesson named '${id}'`);
    return { ...summarise(lesson), html: renderMarkdown(lesson.markdown) };
  }

  async exercise(id: string): Promise<ExerciseView> {
    const exercise = await this.grader.exercise(id);
    return {
      id: exercise.id,
      title: exercise.title,
      statementHtml: renderMarkdown(exercise.statement),
      starter: exercise.starter,
      hintCount: exercise.hints.length,
    };
  }
}

function summarise({ id, title, summary, minutes, exercises }: Lesson): LessonSummary {
  return { id, title, summary, minutes, exercises };
}
