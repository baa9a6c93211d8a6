import { describe, expect, it } from 'vitest';
import { mutantsOf } from './mutant.ts';
import { REDIS_MUTATORS, redisMutations } from './redis-mutators.ts';

/** What one mutator makes of a source: each mutated source, whole. */
function mutated(mutatorName: string, source: string): string[] {
  const mutator = REDIS_MUTATORS.filter(({ name }) => name === mutatorName);
  expect(mutator, `a mutator named ${mutatorName}`).toHaveLength(1);
  return mutantsOf(source, redisMutations(source, mutator)).map((mutant) => mutant.source);
}

describe('the Redis-aware mutators', () => {
  it.each([
    [
      'DropAwait',
      'async function f() {\n  await redis.set(k, v);\n}',
      ['async function f() {\n  redis.set(k, v);\n}'],
    ],
    ['MultiToPipeline', 'redis.multi().set(k, v).exec();', ['redis.pipeline().set(k, v).exec();']],
    [
      'DropWatch',
      'async function f() {\n  await redis.watch(key);\n  return redis.get(key);\n}',
      ['async function f() {\n  return redis.get(key);\n}'],
    ],
    [
      'DropExpiry',
      'redis.multi().hset(key, f, v).expire(key, 60).exec();',
      ['redis.multi().hset(key, f, v).exec();'],
    ],
    ['DropExpiry', "redis.set(key, value, 'EX', ttl, 'NX');", ["redis.set(key, value, 'NX');"]],
    ['DropExpiry', 'if (ok) await redis.pexpire(key, 10);', ['if (ok) {}']],
    ['ExpiryUnit', "redis.set(key, value, 'EX', 60);", ["redis.set(key, value, 'PX', 60);"]],
    ['ExpiryUnit', 'redis.set(key, value, "px", 60);', ['redis.set(key, value, "ex", 60);']],
    ['ExpiryUnit', 'redis.expire(key, 60);', ['redis.pexpire(key, 60);']],
    ['ListEnd', 'redis.lpop(queue);', ['redis.rpop(queue);']],
    ['ListEnd', 'redis.rpush(queue, task);', ['redis.lpush(queue, task);']],
    [
      'ReverseOrder',
      "redis.zrange(key, 0, 9, 'REV', 'WITHSCORES');",
      ["redis.zrange(key, 0, 9, 'WITHSCORES');"],
    ],
    ['ReverseOrder', 'redis.zrevrange(key, 0, 9);', ['redis.zrange(key, 0, 9);']],
    ['RangeStop', 'redis.lrange(key, 0, -1);', ['redis.lrange(key, 0, -2);']],
    ['RangeStop', 'redis.zrange(key, 0, String(n - 1));', ['redis.zrange(key, 0, String(n));']],
    ['RangeStop', 'redis.ltrim(key, 0, 4);', ['redis.ltrim(key, 0, 5);']],
    ['RangeStop', "redis.zrange(key, 0, '-1');", ["redis.zrange(key, 0, '-2');"]],
    ['RangeStop', 'redis.lrange(key, 0, stop);', ['redis.lrange(key, 0, stop + 1);']],
    [
      'KeysScanRead',
      'redis.get(key);',
      ['redis.keys(key).then(([found]) => (found === undefined ? null : redis.get(found)));'],
    ],
    [
      'KeysScanRead',
      'redis.hgetall(userKey(id));',
      [
        'redis.keys(userKey(id)).then(([found]) => (found === undefined ? {} : redis.hgetall(found)));',
      ],
    ],
    [
      'ReadThenWrite',
      'redis.incrby(key, 5);',
      [
        '(async (key, by) => { const next = Number((await redis.get(key)) ?? 0) + by; await redis.set(key, next); return next; })(key, 5);',
      ],
    ],
    [
      'ReadThenWrite',
      "redis.hincrby(key, 'points', n);",
      [
        "(async (key, field, by) => { const next = Number((await redis.hget(key, field)) ?? 0) + by; await redis.hset(key, field, next); return next; })(key, 'points', n);",
      ],
    ],
    [
      'ReadThenWrite',
      'redis.zincrby(board, 3, player);',
      [
        '(async (key, by, member) => { const next = Number((await redis.zscore(key, member)) ?? 0) + by; await redis.zadd(key, next, member); return String(next); })(board, 3, player);',
      ],
    ],
  ])('%s turns %j into the intended mistake', (name, source, expected) => {
    expect(mutated(name, source)).toEqual(expected);
  });

  it.each([
    ['DropAwait', 'async function f() {\n  await delay;\n}'],
    ['MultiToPipeline', 'redis.pipeline().set(k, v).exec();'],
    // Its reply is used: taking it out alone would not be a learner's mistake.
    ['DropWatch', 'const ok = await redis.watch(key);'],
    ['DropExpiry', 'redis.set(key, value);'],
    ['ExpiryUnit', "redis.set(key, 'EX');"],
    ['ListEnd', 'redis.llen(queue);'],
    ['ReverseOrder', 'redis.zrange(key, 0, 9);'],
    ['RangeStop', "redis.zrange(key, 0, 100, 'BYSCORE');"],
    ['RangeStop', 'redis.lrange(key, 0);'],
    // A client behind a call is named twice by the rewrite: it would be called twice.
    ['KeysScanRead', 'client().get(key);'],
    ['KeysScanRead', 'redis.mget(keys);'],
    ['ReadThenWrite', 'redis.multi().incrby(key, 5).exec();'],
    ['ReadThenWrite', 'redis.incrbyfloat(key, 0.5);'],
  ])('%s leaves %j alone', (name, source) => {
    expect(mutated(name, source)).toEqual([]);
  });
});

describe('mutant ids', () => {
  const source = 'async function f() {\n  await redis.set(a, 1); await redis.set(b, 2);\n}';

  it('stay the same when the solution changes on another line', () => {
    const before = mutantsOf(source, redisMutations(source)).map((mutant) => mutant.id);
    const edited = source.replace('async function f', 'async function   renamed');
    expect(mutantsOf(edited, redisMutations(edited)).map((mutant) => mutant.id)).toEqual(before);
  });

  it('tell apart two identical changes on one line', () => {
    const ids = mutantsOf(source, redisMutations(source)).map((mutant) => mutant.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });
});
