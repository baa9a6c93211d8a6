import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import { formatClassroom } from './format-classroom.ts';
import { formatGithub } from './format-github.ts';
import { formatJunit } from './format-junit.ts';
import { formatSummary } from './format-summary.ts';
import { formatTap } from './format-tap.ts';
import type { GradeResult } from './grade-result.ts';
import type { GradedFile } from './graded-file.ts';

// Learner-controlled text built to break out of every format at once.
const HOSTILE = [
  '</failure></testcase><testcase name="forged"/><![CDATA[',
  'Bail out! forged',
  'ok 99 - forged',
  '::error::forged %0A ::notice::forged',
  '" onload="x" & \u0000\u001b[31m',
  '| [forged](https://x) *em* `code` _u_ <b>',
].join('\n');

const hostile: GradeResult = {
  version: 2,
  exercise: 'set-and-get',
  status: 'fail',
  durationMs: 12,
  checks: [
    { name: 'weather exists', status: 'pass', durationMs: 1, points: 2 },
    {
      name: 'weather is sunny',
      status: 'fail',
      reason: 'assertion',
      message: HOSTILE,
      location: { file: 'class/ada/set-and-get.ts', line: 5, column: 9 },
      expected: "'sunny'",
      actual: HOSTILE,
      output: HOSTILE,
      durationMs: 2,
      points: 1,
    },
    { name: 'main returns', status: 'error', message: HOSTILE, durationMs: 1, points: 1 },
  ],
  usage: { commands: 3, redisMemoryBytes: 1000, cpuMs: 1 },
  score: { points: 2, of: 4 },
};
const BOB = 'class/bob, "the builder"/set-and-get.ts';
const didNotRun: GradeResult = {
  ...hostile,
  status: 'error',
  reason: 'compile-error',
  message: `${BOB}:1:1: ${HOSTILE}`,
  location: { file: BOB, line: 1, column: 1 },
  checks: [],
  score: { points: 0, of: 4 },
};
const files: GradedFile[] = [
  { file: 'class/ada/set-and-get.ts', result: hostile },
  { file: BOB, result: didNotRun },
];

describe('the JUnit format', () => {
  it('is well-formed XML that a parser reads back as the same cases, whatever the learner wrote', () => {
    const xml = formatJunit(files);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const [suite, errored] = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    expect(suite.testcase.map((testcase: { name: string }) => testcase.name)).toEqual([
      'weather exists',
      'weather is sunny',
      'main returns',
    ]);
    expect(suite.testcase[1].failure.message).toContain('</failure></testcase>');
    expect(suite.testcase[1].failure.message).toContain('\\x00\\x1b[31m');
    expect(errored).toMatchObject({ tests: '1', errors: '1' });
    expect(errored.testcase.error.message.startsWith(`${BOB}:1:1: `)).toBe(true);
    expect(suite.testcase[1]).toMatchObject({ file: 'class/ada/set-and-get.ts', line: '5' });
    expect(suite.testcase[1].failure['#text']).toMatch(/^at class\/ada\/set-and-get\.ts:5:9\n/);
  });
});

describe('the TAP format', () => {
  it('is read by a TAP parser as exactly the checks, with no bail-out or forged points', async () => {
    const parser = new Parser();
    const done = new Promise<NonNullable<Parser['results']>>((resolve) =>
      parser.on('complete', resolve),
    );
    parser.end(formatTap(files));
    const results = await done;
    expect(results.ok).toBe(false);
    expect(results.bailout).toBe(false);
    expect(results.plan).toMatchObject({ start: 1, end: 4 });
    expect({ count: results.count, pass: results.pass, fail: results.fail }).toEqual({
      count: 4,
      pass: 1,
      fail: 3,
    });
    expect(results.failures.map((failure) => failure.name)).toEqual([
      'set-and-get: weather is sunny',
      'set-and-get: main returns',
      'set-and-get: the submission runs',
    ]);
    expect(results.failures[0]?.diag).toMatchObject({
      message: HOSTILE,
      actual: HOSTILE,
      output: HOSTILE,
    });
  });
});

describe('the GitHub format', () => {
  it('writes one annotation per failed check, and learner text cannot start a command of its own', () => {
    const lines = formatGithub(files).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines)
      expect(line).toMatch(/^::(error|notice) file=class\/[^:]*,title=[^:]*::/);
    expect(lines.filter((line) => line.startsWith('::error'))).toHaveLength(3);
    const data = lines[0]?.slice(lines[0].indexOf('::', 2) + 2) ?? '';
    const decoded = data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    expect(decoded.startsWith(HOSTILE)).toBe(true);
    expect(lines[0]).toContain('file=class/ada/set-and-get.ts,line=5,col=9,title=');
    expect(lines[3]).toContain('file=class/bob%2C "the builder"/set-and-get.ts,line=1,col=1,');
    expect(lines[2]).toContain('::fail: 1 of 3 checks passed, 2 of 4 points');
  });
});

describe('the job summary', () => {
  it('lists every check that did not pass with its place, and learner text stays text', () => {
    const summary = formatSummary(files);
    expect(summary).toContain('## Keyspace: 0 of 2 files passed, 2 of 8 points');
    expect(summary).toContain(
      String.raw`| ❌ | set\-and\-get | class\/ada\/set\-and\-get\.ts | 1 of 3 | 2 of 4 |`,
    );
    expect(summary).toContain(
      String.raw`| ❌ | weather is sunny | class\/ada\/set\-and\-get\.ts\:5\:9 | `,
    );
    const rows = summary.split('\n').filter((line) => /^\| (❌|⚠️) \| /.test(line));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      // Once escapes and line breaks are taken out, no markup of the learner's is left and the
      // row has its cells (5 for a file, 4 for a check): learner text opened no tag, link, code
      // or emphasis, and ended no cell.
      const bare = row.replace(/\\[!-/:-@[-`{-~]/g, '').replaceAll('<br>', '');
      expect(bare).not.toMatch(/[<>[\]`*_]/);
      expect(bare.split('|')).toHaveLength(/^\| \S+ \| setandget \|/.test(bare) ? 7 : 6);
    }
  });
});

describe('the GitHub Classroom runner result', () => {
  it('scores each check that passed its points, of what every exercise is worth', () => {
    const report = JSON.parse(formatClassroom(files));
    expect(report).toMatchObject({ version: 1, status: 'error', max_score: 8 });
    expect(
      report.tests.map(({ name, status, score }: Record<string, unknown>) => [name, status, score]),
    ).toEqual([
      ['set-and-get: weather exists', 'pass', 2],
      ['set-and-get: weather is sunny', 'fail', 0],
      ['set-and-get: main returns', 'error', 0],
      ['set-and-get: the submission runs', 'error', 0],
    ]);
    expect(report.tests[1]).toMatchObject({ filename: 'class/ada/set-and-get.ts', line_no: 5 });
  });
});
