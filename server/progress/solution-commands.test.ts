import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandsOfSolutions, solutionCommands } from './solution-commands.ts';

const solution = (exercise: string) =>
  readFileSync(new URL(`../../exercises/${exercise}/solution.ts`, import.meta.url), 'utf8');

describe('the Redis commands a passing solution calls', () => {
  it("reads the course's own solutions: commands on clients and in their Lua scripts", async () => {
    expect(await solutionCommands(solution('set-and-get'))).toEqual(['GET', 'SET']);
    // getexBuffer is GETEX; MEMORY is a command too.
    expect(await solutionCommands(solution('thumbnail-cache'))).toEqual(['GETEX', 'MEMORY', 'SET']);
    // A transaction's chain, and a subscriber made with duplicate().
    expect(await solutionCommands(solution('chat-room'))).toEqual(
      expect.arrayContaining(['MULTI', 'RPUSH', 'LTRIM', 'EXEC', 'PUBLISH', 'SUBSCRIBE']),
    );
    // EVAL, and what its script runs.
    expect(await solutionCommands(solution('sliding-window'))).toEqual(
      expect.arrayContaining(['EVAL', 'ZADD', 'ZREMRANGEBYSCORE']),
    );
  });

  it('takes no method of a reply, an array or a global for a command', async () => {
    // `shared.sort()` sorts the SINTER reply; `Object.keys` is not KEYS.
    expect(await solutionCommands(solution('shared-interests'))).not.toContain('SORT');
    expect(await solutionCommands(solution('user-profile'))).not.toContain('KEYS');
    const source = [
      "import type Redis from 'ioredis';",
      'export async function main(redis: Redis, names: string[]) {',
      '  const seen = new Map<string, string>();',
      "  seen.set('a', 'b');",
      '  const members = await redis.smembers(names[0] ?? "x");',
      '  // redis.flushall() in a comment runs nothing',
      "  return [members.sort(), Object.keys({}), seen.get('a'), 'redis.del(x)'];",
      '}',
    ].join('\n');
    expect(await solutionCommands(source)).toEqual(['SMEMBERS']);
  });

  it('knows clients by their type, by how they were made, or untyped by their name', async () => {
    const source = [
      "import Redis from 'ioredis';",
      'export async function storeImage(redis, id, file) {',
      "  await redis.set('image:' + id, file);",
      '}',
      'class Cache {',
      '  constructor(private readonly store: Redis) {}',
      '  async read(key: string) {',
      '    const fresh = new Redis({ lazyConnect: true });',
      '    const tx = this.store.multi();',
      '    tx.hget(key, "f").expire(key, 5);',
      '    await tx.exec();',
      "    return fresh.call('ZSCORE', key, 'm');",
      '  }',
      '}',
    ].join('\n');
    expect(await solutionCommands(source)).toEqual([
      'EXEC',
      'EXPIRE',
      'HGET',
      'MULTI',
      'SET',
      'ZSCORE',
    ]);
  });

  it('sums up several solutions: each command with the exercises whose code calls it', async () => {
    expect(
      await commandsOfSolutions({
        'set-and-get': solution('set-and-get'),
        'page-views': solution('page-views'),
      }),
    ).toEqual({
      solutions: 2,
      commands: [
        { name: 'GET', exercises: ['set-and-get'] },
        { name: 'INCR', exercises: ['page-views'] },
        { name: 'MGET', exercises: ['page-views'] },
        { name: 'SET', exercises: ['page-views', 'set-and-get'] },
      ],
    });
  });

  it('finds nothing in code that does not parse as a program, and does not throw', async () => {
    expect(await solutionCommands('export =;')).toEqual([]);
  });
});
