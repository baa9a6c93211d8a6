import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunLimits } from '../runner/limits.ts';

export interface OneExercise {
  id: string;
  /** The export the statement names, e.g. `export async function save(redis: Redis, …)`. */
  signature: string;
  /** checks.ts, as an author writes it; a plain array default export needs no imports. */
  checks: string;
  /** The body of the reference solution's export. */
  solution: string;
  /** The `run:` line's call, e.g. `{ call: save, args: [$redis, answer, '42'] }`. */
  run: string;
  /** `setup:`'s commands, e.g. `[SET, answer, '42']`; none by default. */
  setup?: string[];
  /** `limits:` over the grader's defaults, e.g. `{ callTimeoutMs: 10_000 }`; none by default. */
  limits?: Partial<RunLimits>;
}

/**
 * A course folder of one exercise, written for a test, and a way to remove it: a test that
 * proves something of the checks API writes the checks that use it.
 */
export function oneExerciseCourse(exercise: OneExercise): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `keyspace-${exercise.id}-`));
  const folder = join(dir, 'exercises', exercise.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'exercise.md'),
    `---\ntitle: ${exercise.id}\nhints:\n  - "One"\n  - "Two"\n${setupLines(exercise.setup)}${limitLines(exercise.limits)}run:\n  - ${exercise.run}\n---\n\nWrite \`${exercise.signature}\`.\n`,
  );
  writeFileSync(join(folder, 'checks.ts'), exercise.checks);
  writeFileSync(join(folder, 'solution.ts'), learnerModule(exercise.signature, exercise.solution));
  writeFileSync(join(folder, 'starter.ts'), learnerModule(exercise.signature, '  // TODO'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const setupLines = (setup: string[] = []) =>
  setup.length === 0 ? '' : `setup:\n${setup.map((command) => `  - ${command}\n`).join('')}`;

const limitLines = (limits: Partial<RunLimits> = {}) => {
  const lines = Object.entries(limits).map(([name, value]) => `  ${name}: ${value}\n`);
  return lines.length === 0 ? '' : `limits:\n${lines.join('')}`;
};

/** A learner's file: the export of `signature` with `body`. */
export function learnerModule(signature: string, body: string): string {
  return `import type Redis from 'ioredis';\n\n${signature} {\n${body}\n}\n`;
}
