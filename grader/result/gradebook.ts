import { csvTable } from '../shared/csv.ts';
import type { GradeResult, Location, Reason, Status } from './grade-result.ts';

export interface GradebookCell {
  status: Status;
  passed: number;
  total: number;
  message?: string;
  /** Why it did not pass, and where: the run's, or its first check's that did not pass. */
  reason?: Reason;
  location?: Location;
}

/** A class's results: one row per learner, one column per exercise; a missing cell was not submitted. */
export interface Gradebook {
  exercises: string[];
  learners: { learner: string; results: Record<string, GradebookCell> }[];
}

/** A graded submission, or one that could not be graded (`problem`, e.g. no such exercise). */
export type BatchEntry = { learner: string; exercise: string } & (
  | { result: GradeResult }
  | { problem: string }
);

export function buildGradebook(entries: readonly BatchEntry[]): Gradebook {
  const exercises = [...new Set(entries.map((entry) => entry.exercise))].sort();
  const rows = new Map<string, Record<string, GradebookCell>>();
  for (const entry of entries) {
    const cells = rows.get(entry.learner) ?? {};
    cells[entry.exercise] =
      'problem' in entry
        ? { status: 'error', passed: 0, total: 0, message: entry.problem }
        : cellOf(entry.result);
    rows.set(entry.learner, cells);
  }
  const learners = [...rows.keys()]
    .sort()
    .map((learner) => ({ learner, results: rows.get(learner) ?? {} }));
  return { exercises, learners };
}

function cellOf(result: GradeResult): GradebookCell {
  const first = result.checks.find((check) => check.status !== 'pass');
  const reason = result.reason ?? first?.reason;
  const location = result.location ?? first?.location;
  return {
    status: result.status,
    passed: result.checks.filter((check) => check.status === 'pass').length,
    total: result.checks.length,
    ...(result.message ? { message: result.message } : {}),
    ...(reason && { reason }),
    ...(location && { location }),
  };
}

/** How many entries ended in `status`; an entry that could not be graded counts as an error. */
export function countStatus(entries: readonly BatchEntry[], status: Status): number {
  return entries.filter((entry) => ('problem' in entry ? 'error' : entry.result.status) === status)
    .length;
}

/** The gradebook as CSV. Every field is quoted, and none can start a spreadsheet formula. */
export function gradebookCsv({ exercises, learners }: Gradebook): string {
  const rows = [
    ['learner', ...exercises],
    ...learners.map(({ learner, results }) => [
      learner,
      ...exercises.map((exercise) => {
        const cell = results[exercise];
        return cell ? `${cell.status} (${cell.passed}/${cell.total})` : '';
      }),
    ]),
  ];
  return csvTable(rows);
}
