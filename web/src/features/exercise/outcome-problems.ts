import type { CodeLocation, GradeResult, RunOnceResult } from '../../../../contracts/index.ts';
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
  const failed = checks.filter((check) => check.status !== 'pass');
  return [
    ...at(location, message),
    ...failed.flatMap((check) =>
      at(check.location, `Check "${check.name}" ${LABEL[check.status]}: ${check.message ?? ''}`),
    ),
    ...sentFrom(file, failed[0]),
  ];
}

/**
 * The lines that sent the commands of the first check that did not pass, each with what it sent:
 * the report lists them under the check; the editor shows where they came from.
 */
function sentFrom(file: string, check: GradeResult['checks'][number] | undefined): LineProblem[] {
  const byLine = new Map<number, string[]>();
  for (const { command, location } of check?.redis?.commands ?? []) {
    if (location?.file !== file) continue;
    byLine.set(location.line, [...(byLine.get(location.line) ?? []), command]);
  }
  return [...byLine].map(([line, commands]) => ({
    line,
    severity: 'info',
    message: `Sent during check "${check?.name}": ${commands.join('; ')}`,
  }));
}

const LABEL = { pass: 'passed', fail: 'failed', error: 'ended in error' } as const;
