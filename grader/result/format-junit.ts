import { type CheckResult, type Location, place } from './grade-result.ts';
import type { GradedFile } from './graded-file.ts';

// XML 1.0 cannot carry most control characters at all, even escaped; they are spelled out.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for an XML attribute or element: learner text can never close or open a tag. */
export function xml(text: string): string {
  return text
    .replace(NOT_XML, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML, one testsuite per submission, one testcase per check, as CI servers read it. */
export function formatJunit(files: readonly GradedFile[]): string {
  const suites = files.map(({ file, result }) => {
    const cases = result.checks.length
      ? result.checks.map((check) => testcase(result.exercise, check, file))
      : [
          // No check ran: the run itself is the one case, and it errored.
          `    <testcase classname="${xml(result.exercise)}" name="the submission runs"${fileAndLine(file, result.location)} time="${seconds(result.durationMs)}">\n` +
            `      <error message="${xml(result.message ?? 'no check ran')}" type="error">${xml(result.message ?? '')}</error>\n` +
            '    </testcase>',
        ];
    const count = (status: string) =>
      result.checks.filter((check) => check.status === status).length;
    const errors = result.checks.length ? count('error') : 1;
    return [
      `  <testsuite name="${xml(`${result.exercise} (${file})`)}" tests="${Math.max(result.checks.length, 1)}" failures="${count('fail')}" errors="${errors}" time="${seconds(result.durationMs)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="keyspace">',
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** The file and line attributes CI servers read to point a failure at its code (JUnit has no column). */
function fileAndLine(file: string, location: Location | undefined): string {
  return location
    ? ` file="${xml(location.file)}" line="${location.line}"`
    : ` file="${xml(file)}"`;
}

function testcase(exercise: string, check: CheckResult, file: string): string {
  const open = `    <testcase classname="${xml(exercise)}" name="${xml(check.name)}"${fileAndLine(file, check.location)} time="${seconds(check.durationMs)}"`;
  const details = [
    check.location ? `at ${place(check.location)}\n` : '',
    check.expected === undefined ? '' : `expected: ${check.expected}\n`,
    check.actual === undefined ? '' : `actual:   ${check.actual}\n`,
  ].join('');
  const body: string[] = [];
  if (check.status !== 'pass') {
    const tag = check.status === 'fail' ? 'failure' : 'error';
    body.push(
      `      <${tag} message="${xml(check.message ?? check.status)}" type="${check.status}">${xml(details || (check.message ?? ''))}</${tag}>`,
    );
  }
  if (check.output) body.push(`      <system-out>${xml(check.output)}</system-out>`);
  return body.length ? [`${open}>`, ...body, '    </testcase>'].join('\n') : `${open}/>`;
}
