import { csvTable } from '../shared/csv.ts';
import {
  type GradeResult,
  type Location,
  type Reason,
  roundPoints,
  type Score,
  type Status,
} from './grade-result.ts';

export interface GradebookCell {
  status: Status;
  /** Checks that passed, of checks that ran. */
  passed: number;
  total: number;
  /** Points earned, of what the exercise is worth. */
  score: Score;
  /** Why it did not pass, and where: the run's, or else its first check's that did not pass. */
  message?: string;
  reason?: Reason;
  location?: Location;
}

export interface GradebookRow {
  learner: string;
  /** Over every exercise of the gradebook: one not handed in earns nothing. */
  score: Score;
  /** By exercise; an exercise the learner did not hand in has no cell. */
  results: Record<string, GradebookCell>;
}

/** A class's results: one row per learner, one column per exercise handed in. */
export interface Gradebook {
  /** In the course's order, as its lessons list them. */
  exercises: string[];
  /** What each exercise is worth: its checks' points together. */
  points: Record<string, number>;
  learners: GradebookRow[];
}

/** A graded submission of a batch. */
export interface BatchEntry {
  learner: string;
  exercise: string;
  result: GradeResult;
}

/** `courseOrder`: the course's exercise ids as its lessons list them. */
export function buildGradebook(
  entries: readonly BatchEntry[],
  courseOrder: readonly string[],
): Gradebook {
  const place = (exercise: string) => {
    const index = courseOrder.indexOf(exercise);
    return index === -1 ? courseOrder.length : index;
  };
  const exercises = [...new Set(entries.map((entry) => entry.exercise))].sort(
    (a, b) => place(a) - place(b) || a.localeCompare(b),
  );
  // Every grading of an exercise knows what it is worth, but one whose worker died does not.
  const points: Record<string, number> = {};
  for (const exercise of exercises) {
    const known = entries.flatMap((entry) =>
      entry.exercise === exercise && entry.result.score ? [entry.result.score.of] : [],
    );
    points[exercise] = Math.max(0, ...known);
  }
  const rows = new Map<string, Record<string, GradebookCell>>();
  for (const { learner, exercise, result } of entries) {
    const cells = rows.get(learner) ?? {};
    cells[exercise] = cellOf(result, points[exercise] ?? 0);
    rows.set(learner, cells);
  }
  const possible = roundPoints(
    exercises.reduce((sum, exercise) => sum + (points[exercise] ?? 0), 0),
  );
  const learners = [...rows.keys()].sort().map((learner) => {
    const cells = rows.get(learner) ?? {};
    // In the columns' order, as a person reading the JSON expects.
    const results = Object.fromEntries(
      exercises.flatMap((exercise) => (cells[exercise] ? [[exercise, cells[exercise]]] : [])),
    );
    const earned = Object.values(results).reduce((sum, cell) => sum + cell.score.points, 0);
    return { learner, score: { points: roundPoints(earned), of: possible }, results };
  });
  return { exercises, points, learners };
}

function cellOf(result: GradeResult, possible: number): GradebookCell {
  const first = result.checks.find((check) => check.status !== 'pass');
  const message = result.message ?? first?.message;
  const reason = result.reason ?? first?.reason;
  const location = result.location ?? first?.location;
  return {
    status: result.status,
    passed: result.checks.filter((check) => check.status === 'pass').length,
    total: result.checks.length,
    score: result.score ?? { points: 0, of: possible },
    ...(message && { message }),
    ...(reason && { reason }),
    ...(location && { location }),
  };
}

/** How many entries ended in `status`. */
export function countStatus(entries: readonly BatchEntry[], status: Status): number {
  return entries.filter((entry) => entry.result.status === status).length;
}

/**
 * The gradebook as an LMS imports it: one row per learner, the points of each exercise (blank
 * where nothing was handed in) and their total. Every field is quoted, and none can start a
 * spreadsheet formula.
 */
export function gradebookCsv({ exercises, learners }: Gradebook): string {
  const rows = [
    ['learner', ...exercises, 'total'],
    ...learners.map(({ learner, score, results }) => [
      learner,
      ...exercises.map((exercise) => {
        const cell = results[exercise];
        return cell ? String(cell.score.points) : '';
      }),
      String(score.points),
    ]),
  ];
  return csvTable(rows);
}
