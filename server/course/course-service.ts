import type {
  CourseMap,
  ExerciseSolution,
  ExerciseView,
  HintView,
  LessonSummary,
  LessonView,
} from '../../contracts/index.ts';
import {
  type Exercise,
  type Grader,
  type Lesson,
  type LessonBlock,
  LessonFiles,
  lessonParts,
} from '../../grader/index.ts';
import { notFound } from '../http-errors.ts';
import { renderMarkdown } from './render-markdown.ts';

/**
 * What the course API answers, from the course folder, read once: each answer is made on its first
 * request (or by `prepare`) and kept, so that a page costs no file reads and no Markdown rendering.
 * When the live preview (`start --watch`) reloads the course, the grader's `courseEdition`
 * changes, and what was kept is made afresh on the next request. Rendered views are kept by the
 * lesson or exercise they were made from: a load begun before a reload and ended after it cannot
 * leave its view for the files as they are now.
 */
export class CourseService {
  private readonly lessonFiles: LessonFiles;
  private edition: number;
  private lessons: Promise<Lesson[]> | undefined;
  private readonly views = new WeakMap<Lesson, LessonView>();
  private readonly exerciseViews = new WeakMap<Exercise, ExerciseView>();
  private readonly hints = new WeakMap<Exercise, Map<number, HintView>>();
  /** Each lesson's runnable blocks, parsed once. */
  private readonly blocks = new WeakMap<Lesson, LessonBlock[]>();

  constructor(private readonly grader: Grader) {
    this.lessonFiles = new LessonFiles(grader.courseDir);
    this.edition = grader.courseEdition;
  }

  /**
   * Reads and renders every lesson, exercise and hint now, so that the first learners to arrive
   * (a class, all at once) do not each wait while the app renders the course for them: on a busy
   * machine that was seconds of its one thread. A broken file is left to the page that shows it.
   */
  async prepare(): Promise<void> {
    const lessons = await this.allLessons().catch(() => []);
    for (const lesson of lessons) {
      await this.lesson(lesson.id).catch(() => undefined);
      for (const id of lesson.exercises) {
        const view = await this.exercise(id).catch(() => undefined);
        for (let number = 1; number <= (view?.hintCount ?? 0); number++) {
          await this.hint(id, number).catch(() => undefined);
        }
      }
    }
  }

  async courseMap(): Promise<CourseMap> {
    return { lessons: (await this.allLessons()).map(summarise) };
  }

  async lesson(id: string): Promise<LessonView> {
    const lesson = await this.findLesson(id);
    let view = this.views.get(lesson);
    if (!view) {
      view = { ...summarise(lesson), html: renderMarkdown(lesson.markdown) };
      this.views.set(lesson, view);
    }
    return view;
  }

  async exercise(id: string): Promise<ExerciseView> {
    const exercise = await this.grader.exercise(id);
    let view = this.exerciseViews.get(exercise);
    if (!view) {
      view = {
        id: exercise.id,
        title: exercise.title,
        statementHtml: renderMarkdown(exercise.statement),
        starter: exercise.starter,
        hintCount: exercise.hints.length,
        run: exercise.run,
        setup: exercise.setup,
      };
      this.exerciseViews.set(exercise, view);
    }
    return view;
  }

  /**
   * One hint, asked for by number, so that the page reveals them one at a time. The exercise view
   * says how many there are.
   */
  async hint(id: string, number: number): Promise<HintView> {
    const exercise = await this.grader.exercise(id);
    const { hints } = exercise;
    const hint = hints[number - 1];
    if (!Number.isInteger(number) || hint === undefined) {
      throw notFound(`exercise '${id}' has hints 1 to ${hints.length}, not '${number}'`);
    }
    let views = this.hints.get(exercise);
    if (!views) {
      views = new Map();
      this.hints.set(exercise, views);
    }
    let view = views.get(number);
    if (!view) {
      view = { number, count: hints.length, html: renderMarkdown(hint) };
      views.set(number, view);
    }
    return view;
  }

  /**
   * The lesson's ```redis blocks in page order (the page numbers them the same way), each with
   * the reply the lesson shows beneath it, if any.
   */
  async lessonBlocks(id: string): Promise<LessonBlock[]> {
    const lesson = await this.findLesson(id);
    let blocks = this.blocks.get(lesson);
    if (!blocks) {
      blocks = lessonParts(lesson.markdown, lesson.markdownLine).blocks.map(
        ({ commands, expected }) =>
          expected ? { commands, expected: expected.text } : { commands },
      );
      this.blocks.set(lesson, blocks);
    }
    return blocks;
  }

  /** Throws 404 unless the lesson exists. */
  async requireLesson(id: string): Promise<void> {
    await this.findLesson(id);
  }

  /** Throws UnknownExerciseError (404) unless the exercise exists. */
  async requireExercise(id: string): Promise<void> {
    await this.grader.exercise(id);
  }

  /** The reference solution; whether this learner may see it is the progress store's to say. */
  async solution(id: string): Promise<ExerciseSolution> {
    return { solution: (await this.grader.exercise(id)).solution };
  }

  /** Forgets what was kept if the course was reloaded since it was made. */
  private current(): void {
    if (this.grader.courseEdition === this.edition) return;
    this.edition = this.grader.courseEdition;
    this.lessons = undefined;
  }

  private allLessons(): Promise<Lesson[]> {
    this.current();
    if (!this.lessons) {
      const loading = this.lessonFiles.load();
      this.lessons = remembered(loading, () => {
        if (this.lessons === loading) this.lessons = undefined;
      });
    }
    return this.lessons;
  }

  private async findLesson(id: string): Promise<Lesson> {
    const lesson = (await this.allLessons()).find((candidate) => candidate.id === id);
    if (!lesson) throw notFound(`no lesson named '${id}'`);
    return lesson;
  }
}

/**
 * `work`, kept by the caller; `forget` runs if it fails, so that a file that could not be read
 * (a broken file, an unknown id) is read afresh on the next request instead of failing for good.
 */
function remembered<T>(work: Promise<T>, forget: () => void): Promise<T> {
  work.catch(forget);
  return work;
}

function summarise({ id, title, summary, minutes, exercises }: Lesson): LessonSummary {
  return { id, title, summary, minutes, exercises };
}
