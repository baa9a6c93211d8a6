import { safe } from './format-pretty.ts';
import { type CheckResult, type GradeResult, place, roundPoints } from './grade-result.ts';
import type { GradedFile } from './graded-file.ts';

// GitHub refuses a step summary over 1 MiB; this leaves room for what else the step adds.
const MAX_BYTES = 900 * 1024;
const MAX_TEXT = 400;
const MARK = { pass: '✅', fail: '❌', error: '⚠️' } as const;

/**
 * Text for a Markdown table cell that stays text: every ASCII punctuation mark escaped (so
 * nothing opens a link, an image, emphasis, a heading or ends the cell), `<` and `&` as
 * entities (so no HTML), control characters spelled out, line breaks as <br>, and cut short.
 */
export function markdownText(text: string): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return safe(cut.replace(/\r\n?/g, '\n'))
    .replace(/[!"#$%'()*+,\-./:;=?@[\\\]^_`{|}~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '<br>');
}

/**
 * A job summary in GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`: a table of the files,
 * then every check that did not pass with its place and why. GitHub keeps only the first 10 error
 * annotations of a step and 50 of a job; the summary keeps the rest.
 */
export function formatSummary(files: readonly GradedFile[]): string {
  const passed = files.filter(({ result }) => result.status === 'pass').length;
  const points = roundPoints(
    files.reduce((sum, { result }) => sum + (result.score?.points ?? 0), 0),
  );
  const of = roundPoints(files.reduce((sum, { result }) => sum + (result.score?.of ?? 0), 0));
  const head = [
    `## Keyspace: ${passed} of ${files.length} ${files.length === 1 ? 'file' : 'files'} passed, ${points} of ${of} points`,
    '',
    '| | exercise | file | checks passed | points |',
    '| --- | --- | --- | --- | --- |',
    ...files.map(({ file, result }) => {
      const checks = `${result.checks.filter((check) => check.status === 'pass').length} of ${result.checks.length}`;
      const score = result.score ? `${result.score.points} of ${result.score.of}` : '';
      return `| ${MARK[result.status]} | ${markdownText(result.exercise)} | ${markdownText(file)} | ${checks} | ${score} |`;
    }),
    '',
  ].join('\n');
  let text = head;
  const failed = files.filter(({ result }) => result.status !== 'pass');
  for (const [index, graded] of failed.entries()) {
    const section = details(graded);
    if (Buffer.byteLength(text + section) > MAX_BYTES) {
      return `${text}\n…and ${failed.length - index} more files that did not pass: the JUnit or JSON report has every check.\n`;
    }
    text += section;
  }
  return text;
}

/** One file's checks that did not pass, or why none ran. */
function details({ file, result }: GradedFile): string {
  const rows = result.checks.length
    ? result.checks.filter((check) => check.status !== 'pass').map(row)
    : [row(runAsCheck(result))];
  return [
    '',
    `### ${MARK[result.status]} ${markdownText(result.exercise)}: ${markdownText(file)}`,
    '',
    '| | check | where | why |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function row(check: CheckResult): string {
  const why = [
    check.message ?? check.status,
    check.expected === undefined ? '' : `expected: ${check.expected}`,
    check.actual === undefined ? '' : `actual: ${check.actual}`,
  ]
    .filter(Boolean)
    .map(markdownText)
    .join('<br>');
  const where = check.location ? markdownText(place(check.location)) : '';
  return `| ${MARK[check.status]} | ${markdownText(check.name)} | ${where} | ${why} |`;
}

/** A run in which no check ran, shown as the one check that errored. */
function runAsCheck(result: GradeResult): CheckResult {
  return {
    name: 'the submission runs',
    status: 'error',
    message: result.message ?? 'no check ran',
    ...(result.location && { location: result.location }),
    durationMs: result.durationMs,
  };
}
