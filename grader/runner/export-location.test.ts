import { describe, expect, it } from 'vitest';
import { exportLocation } from './export-location.ts';
import { transpile } from './transpile.ts';

const SOURCE = `import type Redis from 'ioredis';
// export function main() {} is only a comment

const helper = 1;

export async function main(redis: Redis): Promise<string> {
  return 'x';
}

export const arrow = async (redis: Redis) =>
  redis.get('x');

async function inner() {}
export { inner as renamed };
export function* $gen() {}
`;

describe("where the learner's file declares an export", () => {
  const program = transpile(SOURCE, 'ada/main.ts');

  it.each([
    ['main', 6],
    ['arrow', 10],
    ['renamed', 13],
    ['$gen', 15],
  ])('finds %s on line %i of the TypeScript', (name, line) => {
    expect(exportLocation(program, name)).toMatchObject({ file: 'ada/main.ts', line });
  });

  it('finds nothing for a name the module does not export', () => {
    expect(exportLocation(program, 'helper2')).toBeUndefined();
  });
});
