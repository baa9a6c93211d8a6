import { pointsOf, roundPoints, worstStatus } from './grade-result.ts';
import type { GradedFile } from './graded-file.ts';

/** One test as GitHub Classroom's grading reporter reads it. */
interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  /** The points it earned; the reporter adds them up. */
  score: number;
  message: string;
  filename: string;
  line_no: number;
  duration: number;
}

/**
 * The result of a GitHub Classroom autograding runner (as classroom-resources'
 * autograding-grading-reporter reads it, base64-encoded in a step output): one test per check,
 * each scoring its points when it passed, `max_score` what every exercise graded is worth. The
 * reporter sends Classroom the sum of the tests' scores out of `max_score`.
 */
export function formatClassroom(files: readonly GradedFile[]): string {
  const tests: ClassroomTest[] = files.flatMap(({ file, result }) =>
    result.checks.length
      ? result.checks.map((check) => ({
          name: `${result.exercise}: ${check.name}`,
          status: check.status,
          score: check.status === 'pass' ? pointsOf(check) : 0,
          message: [
            check.message ?? '',
            check.expected === undefined ? '' : `expected: ${check.expected}`,
            check.actual === undefined ? '' : `actual:   ${check.actual}`,
          ]
            .filter(Boolean)
            .join('\n'),
          filename: check.location?.file ?? file,
          line_no: check.location?.line ?? 0,
          duration: check.durationMs,
        }))
      : [
          {
            name: `${result.exercise}: the submission runs`,
            status: 'error',
            score: 0,
            message: result.message ?? 'no check ran',
            filename: result.location?.file ?? file,
            line_no: result.location?.line ?? 0,
            duration: result.durationMs,
          },
        ],
  );
  const maxScore = files.reduce((sum, { result }) => sum + (result.score?.of ?? 0), 0);
  const report = {
    version: 1,
    status: worstStatus(files.map(({ result }) => result.status)),
    max_score: roundPoints(maxScore),
    tests,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
