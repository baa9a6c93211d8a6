import {
  type Grader,
  type Lesson,
  type LessonBlock,
  LessonFiles,
  lessonParts,
} from '../../grader/index.ts';
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
  /** What Run calls, in order (`$redis` is the learner's client): the learner may edit the args. */
  run: { call: string; args: unknown[] }[];
  /** The Redis commands Run sends first, each as its words, shown above the Run button. */
  setup: string[][];
}

/** Rendered Markdown kept: the whole course many times over, a few MB at most. */
const RENDERED_KEPT = 2_000;

/**
 * What the course API answers, from the course folder. Lessons are read again when their files
 * change, and Markdown rendered again when its text does, so an edited lesson shows on the next
 * load.
 */
export class CourseService {
  private readonly lessons: LessonFiles;
  private readonly rendered = new Map<string, string>();
  /** Each lesson's runnable blocks, parsed once for as long as its file is unchanged. */
  private readonly blocks = new WeakMap<Lesson, LessonBlock[]>();

  constructor(private readonly grader: Grader) {
    this.lessons = new LessonFiles(grader.courseDir);
  }

  /** `renderMarkdown`, kept by its text: highlighting a lesson's code takes milliseconds. */
  private html(markdown: string): string {
    let html = this.rendered.get(markdown);
    if (html === undefined) {
      html = renderMarkdown(markdown);
      this.rendered.set(markdown, html);
      if (this.rendered.size > RENDERED_KEPT) {
        this.rendered.delete(this.rendered.keys().next().value as string);
      }
    }
    return html;
  }

  async courseMap(): Promise<CourseMap> {
    const lessons = await this.lessons.load();
    return { lessons: lessons.map(summarise) };
  }

  async lesson(id: string): Promise<LessonView> {
    const lessons = await this.lessons.load();
    const lesson = lessons.find((candidate) => candidate.id === id);
    if (!lesson) throw notFound(`no lesson named '${id}'`);
    return { ...summarise(lesson), html: this.html(lesson.markdown) };
  }

  async exercise(id: string): Promise<ExerciseView> {
    const exercise = await this.grader.exercise(id);
    return {
      id: exercise.id,
      title: exercise.title,
      statementHtml: this.html(exercise.statement),
      starter: exercise.starter,
      hintCount: exercise.hints.length,
      run: exercise.run,
      setup: exercise.setup,
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
    return { number, count: hints.length, html: this.html(hint) };
  }

  /**
   * The lesson's ```redis blocks in page order (the page numbers them the same way), each with
   * the reply the lesson shows beneath it, if any.
   */
  async lessonBlocks(id: string): Promise<LessonBlock[]> {
    const lessons = await this.lessons.load();
    const lesson = lessons.find((candidate) => candidate.id === id);
    if (!lesson) throw notFound(`no lesson named '${id}'`);
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
    const lessons = await this.lessons.load();
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
