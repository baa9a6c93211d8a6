// The course as the server answers it under /api/course, /api/lessons and /api/exercises: what a
// page shows, rendered from the course folder. HTML in it is rendered from the course's Markdown
// with raw HTML off.

/** A lesson as the course map lists it. */
export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  /** The ids of its exercises, in the order the lesson gives them. */
  exercises: string[];
}

/** Every lesson, in the course's order. */
export interface CourseMap {
  lessons: LessonSummary[];
}

export interface LessonView extends LessonSummary {
  html: string;
}

/** One call of an exercise's Run: an export of the learner's module and what it is called with. */
export interface RunCall {
  call: string;
  /** `"$redis"` among them stands for the learner's Redis client. */
  args: unknown[];
}

export interface ExerciseView {
  id: string;
  title: string;
  statementHtml: string;
  /** The code the editor starts with. */
  starter: string;
  /** Hints are asked for one at a time (HintView): only their number is told here. */
  hintCount: number;
  /** What Run calls, in order: the learner may edit the args. */
  run: RunCall[];
  /** The Redis commands Run sends first, each as its words, shown above the Run button. */
  setup: string[][];
}

/** One hint, revealed: the server records it as shown. */
export interface HintView {
  /** 1 for the first hint. */
  number: number;
  /** How many the exercise has. */
  count: number;
  html: string;
}

/** The reference solution, once the learner passed or failed enough times. */
export interface ExerciseSolution {
  solution: string;
}
