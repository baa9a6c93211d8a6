import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../error-catalogue.ts';
import {
  ContentError,
  GraderError,
  RedisServerNotFoundError,
  SandboxesFullError,
  UnknownExerciseError,
} from '../errors.ts';
import { EXIT, UsageError } from './exit-codes.ts';
import { failureOf } from './run-cli.ts';

const coded = (code: ErrorCode) => Object.assign(new Error(`a ${code} error`), { code });

describe('the exit code of a failed command', () => {
  it("is its error's catalogue entry, for every code in the catalogue", () => {
    for (const [code, { exit }] of Object.entries(ERROR_CATALOGUE)) {
      expect(failureOf(coded(code as ErrorCode)), code).toEqual({
        exit,
        message: `a ${code} error`,
      });
    }
  });

  it("is SPEC's for each of the grader's errors: content 3, usage 64, internal 70", () => {
    const exits = [
      new ContentError('must export default a non-empty array of checks', { file: 'checks.ts' }),
      new UnknownExerciseError('no-such'),
      new UsageError('--format takes pretty, json, junit, tap, github, summary or classroom'),
      new GraderError('the grader has stopped'),
      new SandboxesFullError(4),
      new RedisServerNotFoundError('redis-server'),
    ].map((error) => [error.name, failureOf(error).exit]);
    expect(exits).toEqual([
      ['ContentError', EXIT.content],
      ['UnknownExerciseError', EXIT.usage],
      ['UsageError', EXIT.usage],
      ['GraderError', EXIT.internal],
      ['SandboxesFullError', EXIT.internal],
      ['RedisServerNotFoundError', EXIT.internal],
    ]);
  });

  it('prints a content error at its file and line, and a bug with its stack', () => {
    const broken = new ContentError('front matter is not valid YAML', {
      file: 'lessons/01-a.md',
      line: 3,
    });
    expect(failureOf(broken).message).toBe('lessons/01-a.md:3: front matter is not valid YAML');
    const bug = failureOf(new TypeError('x is undefined'));
    expect(bug.exit).toBe(EXIT.internal);
    expect(bug.message).toMatch(/^internal error: TypeError: x is undefined\n\s+at /);
  });

  it("is 64 for what node:util's parseArgs refuses, though its codes are Node's", () => {
    let refused: unknown;
    try {
      parseArgs({ args: ['--no-such-flag'], options: {} });
    } catch (error) {
      refused = error;
    }
    expect(failureOf(refused).exit).toBe(EXIT.usage);
  });
});
