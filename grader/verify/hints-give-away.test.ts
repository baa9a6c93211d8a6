import { describe, expect, it } from 'vitest';
import { GIVEAWAY_SHARE, solutionInHints } from './hints-give-away.ts';

const SOLUTION = `import type Redis from 'ioredis';

export async function cacheCity(redis: Redis, id: string): Promise<string | null> {
  const key = \`city:\${id}\`; // the cache's key
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const name = await redis.hget(\`source:\${id}\`, 'name');
  if (name !== null) await redis.set(key, name, 'EX', 60);
  return name;
}
`;

describe('hints that give the solution away', () => {
  it('finds a solution whose every line a hint quotes, however it is spaced or escaped', () => {
    // The hint quotes code with a template's `${id}`, written here without making one.
    const id = `$${'{id}'}`;
    const hints = [
      'Read the cache first.',
      `Quoted whole: \`const key = \`city:${id}\`\` then \`\`const cached = await redis.get(key)\`\`, ` +
        `\`if (cached !== null) return cached\`, \`\`const name = await redis.hget(\`source:${id}\`, ` +
        "'name')``, `if (name !== null)   await redis.set(key, name, 'EX', 60)` and `return name`.",
    ];
    const given = solutionInHints(SOLUTION, hints);
    expect(given).toEqual({ found: 5, lines: 5 });
    expect((given?.found ?? 0) >= (given?.lines ?? 0) * GIVEAWAY_SHARE).toBe(true);
  });

  it('lets hints lead: the commands named, a line or two quoted, the frame and short lines not counted', () => {
    const hints = [
      'Look in the cache with GET before the source, and store what you found with an expiry.',
      "`await redis.set(key, name, 'EX', 60)` stores it for a minute.",
    ];
    expect(solutionInHints(SOLUTION, hints)).toEqual({ found: 0, lines: 5 });
  });

  it('leaves alone a solution too short to have anything to give away', () => {
    expect(
      solutionInHints('export async function ping(redis) {\n  return redis.ping();\n}\n', [
        '`return redis.ping()`',
      ]),
    ).toBeUndefined();
  });
});
