import type { ExerciseStats } from '../../contracts/index.ts';
import { csvTable } from '../../grader/index.ts';

const HEADER = [
  'exercise',
  'title',
  'lesson',
  'attempted',
  'passed',
  'pass_rate',
  'median_attempts_to_pass',
  'mean_attempts_to_pass',
  'submissions',
  'most_failed_check',
  'most_failed_check_failures',
  'most_failed_check_share',
  'concerns',
];

/** The instructor view as CSV, one row per exercise; a blank field is a value not known yet. */
export function reportCsv(rows: readonly ExerciseStats[]): string {
  const text = (value: number | string | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  return csvTable([
    HEADER,
    ...rows.map((row) => [
      row.id,
      row.title,
      text(row.lesson?.title),
      text(row.attempted),
      text(row.passed),
      text(row.passRate),
      text(row.attemptsToPass?.median),
      text(row.attemptsToPass?.mean),
      text(row.submissions),
      text(row.mostFailedCheck?.name),
      text(row.mostFailedCheck?.failures),
      text(row.mostFailedCheck?.share),
      row.concerns.join('; '),
    ]),
  ]);
}
