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

export interface HintView {
  /** 1 for the first hint. */
  number: number;
  count: number;
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

  /**
   * One hint, asked for by number, so that the page reveals them one at a time. The exercise view
   * says how many there are.
   */
  async hint(id: string, number: number): Promise<HintView> {
    const { hints } = await this.grader.exercise(id);
    const hint = hints[number - 1];
    if (!Number.isInteger(number) || hint === undefined) {
      throw notFound(`exercise '${id}' has hints 1 to ${hints.length}, not '${number}'`);
    }
    return { number, count: hints.length, html: renderMarkdown(hint) };
  }

  /** Throws 404 unless the lesson exists. */
  async requireLesson(id: string): Promise<void> {
    const lessons = await loadLessons(this.grader.courseDir);
    if (!lessons.some((lesson) => lesson.id === id)) throw notFound(`no lesson named '${id}'`);
  }

  /** Throws UnknownExerciseError (404) unless the exercise exists. */
  async requireExercise(id: string): Promise<void> {
    await this.grader.exercise(id);
  }

  /** The reference solution; whether this learner may see it is the progress store's to say. */
  async solution(id: string): Promise<{ solution: string }> {
    return { solution: (await this.grader.exercise(id)).solution };
  }
}

function summarise({ id, title, summary, minutes, exercises }: Lesson): LessonSummary {
  return { id, title, summary, minutes, exercises };
}
