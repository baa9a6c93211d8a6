import type { CodeLocation, RunOnceResult } from '../console/api/run-code.ts';
import type { GradeResult } from './api/submit-solution.ts';
import type { LineProblem } from './components/editor-diagnostics.ts';

/**
 * What a Run or a grading found at lines of the learner's file (`<exercise>.ts`, as the grader
 * names it): where it did not compile or load, where a call threw, where a check failed. A place
 * in another file (a check that crashed in checks.ts) is no line of theirs.
 */
export function problemsOf(
  exercise: string,
  outcome: { ran: RunOnceResult } | { graded: GradeResult },
): LineProblem[] {
  const file = `${exercise}.ts`;
  const at = (location: CodeLocation | undefined, message: string) =>
    location?.file === file ? [{ line: location.line, message }] : [];
  if ('ran' in outcome) {
    const { location, message = '', calls } = outcome.ran;
    return [
      ...at(location, message),
      ...calls.flatMap((call) => at(call.location, call.error ?? '')),
    ];
  }
  const { location, message = '', checks } = outcome.graded;
  return [
    ...at(location, message),
    ...checks
      .filter((check) => check.status !== 'pass')
      .flatMap((check) =>
        at(check.location, `Check "${check.name}" ${LABEL[check.status]}: ${check.message ?? ''}`),
      ),
  ];
}

const LABEL = { pass: 'passed', fail: 'failed', error: 'ended in error' } as const;
