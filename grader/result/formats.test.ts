import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import { formatGithub } from './format-github.ts';
import { formatJunit } from './format-junit.ts';
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
].join('\n');

const hostile: GradeResult = {
  version: 2,
  exercise: 'set-and-get',
  status: 'fail',
  durationMs: 12,
  checks: [
    { name: 'weather exists', status: 'pass', durationMs: 1 },
    {
      name: 'weather is sunny',
      status: 'fail',
      message: HOSTILE,
      expected: "'sunny'",
      actual: HOSTILE,
      output: HOSTILE,
      durationMs: 2,
    },
    { name: 'main returns', status: 'error', message: HOSTILE, durationMs: 1 },
  ],
  usage: { commands: 3, redisMemoryBytes: 1000, cpuMs: 1 },
};
const didNotRun: GradeResult = {
  ...hostile,
  status: 'error',
  message: `submission.ts:1:1: ${HOSTILE}`,
  checks: [],
};
const files: GradedFile[] = [
  { file: 'class/ada/set-and-get.ts', result: hostile },
  { file: 'class/bob, "the builder"/set-and-get.ts', result: didNotRun },
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
    expect(errored.testcase.error.message).toMatch(/^submission\.ts:1:1: /);
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
    expect(lines[3]).toContain('file=class/bob%2C "the builder"/set-and-get.ts');
  });
});
