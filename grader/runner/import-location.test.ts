import { describe, expect, it } from 'vitest';
import { importLocation } from './import-location.ts';
import { transpile } from './transpile.ts';

const SOURCE = `import type Redis from 'ioredis';

// Comments and type-only imports are gone from the JavaScript: lines are the TypeScript's.
import { execSync } from 'node:child_process';
import {
  connect,
  createServer,
} from 'node:net';
export * from 'node:os';

export async function main(redis: Redis) {
  execSync('true');
  connect(1);
  createServer();
  return redis.get('x');
}
`;

describe('importLocation', () => {
  const program = transpile(SOURCE, 'ada/set-and-get.ts');

  it.each([
    ['node:child_process', 4],
    ['node:net', 5],
    ['node:os', 9],
  ])("points at the line of the learner's file that imports %s", (specifier, line) => {
    expect(importLocation(program, specifier)).toEqual({
      file: 'ada/set-and-get.ts',
      line,
      column: 1,
    });
  });

  it('finds nothing for a module the file does not import', () => {
    expect(importLocation(program, 'node:fs')).toBeUndefined();
  });
});
