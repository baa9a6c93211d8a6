import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';

// What a course installs when it installs Keyspace from a tarball or from GitHub (npm packs the
// package the same way for both): `keyspace start` serves web/dist and nothing rebuilds it there.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let files: string[] = [];

beforeAll(async () => {
  // `prepare` (bin/build-web.js) builds it on `npm ci`, and again on `npm pack` when stale.
  expect(existsSync(`${ROOT}web/dist/index.html`), 'web/dist is built by `npm ci`').toBe(true);
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: ROOT },
  );
  const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  files = packed.files.map(({ path }) => path);
}, 120_000);

it('ships the built web app, the command line and the parts it runs', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'bin/keyspace.js',
      'web/dist/index.html',
      'grader/index.ts',
      'grader/checks/api.ts',
      'grader/lint/biome.course.json',
      'grader/lint/tsconfig.course.json',
      'server/start-command.ts',
      'queue/worker-command.ts',
      'AUTHORING.md',
    ]),
  );
  expect(files.some((path) => /^web\/dist\/assets\/.*\.js\.br$/.test(path))).toBe(true);
});

it('leaves out the tests, their courses and the web sources', () => {
  expect(files.filter((path) => path.endsWith('.test.ts'))).toEqual([]);
  expect(files.filter((path) => path.startsWith('grader/test/'))).toEqual([]);
  expect(files.filter((path) => path.startsWith('web/src/') || path.startsWith('e2e/'))).toEqual(
    [],
  );
});
