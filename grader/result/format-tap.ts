import type { GradedFile } from './graded-file.ts';

/**
 * TAP 14. Learner text only ever appears as JSON strings inside a test's YAML block, so it stays
 * on one line and can never start a line of its own ("ok", "not ok", "Bail out!", a plan).
 */
export function formatTap(files: readonly GradedFile[]): string {
  const lines: string[] = [];
  let number = 0;
  for (const { file, result } of files) {
    const points = result.checks.length
      ? result.checks.map((check) => ({ ...check, label: `${result.exercise}: ${check.name}` }))
      : [
          {
            label: `${result.exercise}: the submission runs`,
            status: 'error' as const,
            message: result.message ?? 'no check ran',
            expected: undefined,
            actual: undefined,
            output: undefined,
            reason: result.reason,
            location: result.location,
          },
        ];
    for (const point of points) {
      number += 1;
      lines.push(
        `${point.status === 'pass' ? 'ok' : 'not ok'} ${number} - ${description(point.label)}`,
      );
      if (point.status === 'pass' && !point.output) continue;
      const yaml = Object.entries({
        status: point.status,
        reason: point.reason,
        file,
        at: point.location,
        message: point.message,
        expected: point.expected,
        actual: point.actual,
        output: point.output,
      }).flatMap(([key, value]) =>
        value === undefined ? [] : [`  ${key}: ${JSON.stringify(value)}`],
      );
      lines.push('  ---', ...yaml, '  ...');
    }
  }
  return ['TAP version 14', `1..${number}`, ...lines, ''].join('\n');
}

/** A test point's description: one line, and no `#`, which would start a directive. */
function description(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/#/g, '\\#');
}
