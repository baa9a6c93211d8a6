import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChecks, possiblePoints } from './load-checks.ts';

const dir = mkdtempSync(join(tmpdir(), 'keyspace-load-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A checks.ts of checks with these `points` (undefined: none given). */
function checksWorth(name: string, ...points: unknown[]): string {
  const path = join(dir, `${name}.ts`);
  const checks = points.map(
    (worth, index) =>
      `{ name: 'check ${index + 1}', ${worth === undefined ? '' : `points: ${JSON.stringify(worth) ?? 'undefined'}, `}async run() {} }`,
  );
  writeFileSync(path, `export default [${checks.join(', ')}];\n`);
  return path;
}

describe('the points of an exercise’s checks', () => {
  it('are 1 each unless a check gives its own', async () => {
    const checks = await loadChecks('pointed', checksWorth('pointed', undefined, 2.5, 0));
    expect(possiblePoints(checks)).toBe(3.5);
  });

  it.each([
    ['negative', [-1], /check #1 \('check 1'\): points must be a number of 0 or more, not -1/],
    ['text', [1, '3'], /check #2 \('check 2'\): points must be a number of 0 or more, not "3"/],
    ['none at all', [0, 0], /its checks are worth 0 points together/],
  ])('are refused when %s, naming the check', async (name, points, message) => {
    await expect(loadChecks(name, checksWorth(name.replace(/ /g, '-'), ...points))).rejects.toThrow(
      message,
    );
  });
});
