import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Gradebook } from '../result/gradebook.ts';
import { courseWithProbe, poisonedClass } from '../test/poisoned-learners.ts';

const BIN = new URL('../../bin/keyspace.js', import.meta.url).pathname;

describe('keyspace grade --batch, with learners who leave connection state behind', () => {
  const course = courseWithProbe();
  const root = mkdtempSync(join(tmpdir(), 'keyspace-poisoned-batch-'));
  afterAll(() => {
    rmSync(course, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('passes every right submission, whoever was graded before it', async () => {
    const submissions = poisonedClass(3);
    for (const { learner, exercise, source } of submissions) {
      mkdirSync(join(root, 'class', learner), { recursive: true });
      writeFileSync(join(root, 'class', learner, `${exercise}.ts`), source);
    }
    const code = await new Promise<number>((resolve) => {
      execFile(
        'node',
        [BIN, 'grade', '--batch', join(root, 'class'), '--out', root, '--course', course],
        (error) => resolve(error ? Number(error.code) : 0),
      );
    });
    expect(code).toBe(0);
    const gradebook = JSON.parse(readFileSync(join(root, 'gradebook.json'), 'utf8')) as Gradebook;
    const cells = new Map(
      gradebook.learners.flatMap(({ learner, results }) =>
        Object.entries(results).map(([exercise, cell]) => [`${learner}/${exercise}`, cell]),
      ),
    );
    const right = submissions.filter((submission) => submission.right);
    const failed = right.flatMap(({ learner, exercise }) => {
      const cell = cells.get(`${learner}/${exercise}`);
      return cell?.status === 'pass' ? [] : [{ learner, exercise, cell }];
    });
    expect(failed).toEqual([]);
    expect(right.length).toBeGreaterThanOrEqual(30);
  }, 240_000);
});
