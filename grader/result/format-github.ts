import type { Location } from './grade-result.ts';
import type { GradedFile } from './graded-file.ts';

// GitHub's workflow-command escaping: data may not hold % or line breaks; properties neither
// : nor , either. Encoded, learner text cannot end a command or start one of its own.
const data = (text: string) =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Where an annotation points: the failure's line when it has one, else the submission. */
function at(file: string, location: Location | undefined): string {
  if (!location) return `file=${property(file)}`;
  const column = location.column === undefined ? '' : `,col=${location.column}`;
  return `file=${property(location.file)},line=${location.line}${column}`;
}

/** GitHub Actions annotations: one ::error per failed check, at its line of the submission. */
export function formatGithub(files: readonly GradedFile[]): string {
  const lines: string[] = [];
  for (const { file, result } of files) {
    const where = `file=${property(file)}`;
    if (result.checks.length === 0) {
      lines.push(
        `::error ${at(file, result.location)},title=${property(`${result.exercise}: the submission did not run`)}::${data(result.message ?? 'no check ran')}`,
      );
    }
    for (const check of result.checks) {
      if (check.status === 'pass') continue;
      const detail = [
        check.message ?? check.status,
        check.expected === undefined ? '' : `expected: ${check.expected}`,
        check.actual === undefined ? '' : `actual:   ${check.actual}`,
      ].filter(Boolean);
      lines.push(
        `::error ${at(file, check.location)},title=${property(`${result.exercise}: ${check.name}`)}::${data(detail.join('\n'))}`,
      );
    }
    const passed = result.checks.filter((check) => check.status === 'pass').length;
    const points = result.score ? `, ${result.score.points} of ${result.score.of} points` : '';
    lines.push(
      `::notice ${where},title=${property(result.exercise)}::${data(`${result.status}: ${passed} of ${result.checks.length} checks passed${points}`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
