import type Redis from 'ioredis';
import type { CheckList, Expect, Random } from '../../grader/checks/api.ts';

interface Exports {
  createSession(redis: Redis, userId: string, ttlSeconds: number): Promise<string>;
  touchSession(redis: Redis, token: string, ttlSeconds: number): Promise<string | null>;
  endSession(redis: Redis, token: string): Promise<void>;
}

const userIdOf = (random: Random) => String(random.int(1000, 99999));
const ttlOf = (random: Random) => random.int(300, 3600);
/** A token the check makes up itself, for sessions it seeds directly. */
const tokenOf = (random: Random) => `${random.word(8)}-${random.word(4)}-${random.word(12)}`;

/** What a TTL reply means, for failure messages. */
function describeTtl(ttl: number): string {
  if (ttl === -2) return 'the key does not exist (TTL -2)';
  if (ttl === -1) return 'the key never expires (TTL -1): no EXPIRE reached it';
  return `it is ${ttl} second${ttl === 1 ? '' : 's'}`;
}

/** createSession must hand back a token before anything else can be looked at. */
function expectToken(expect: Expect, token: unknown): void {
  expect.ok(
    typeof token === 'string' && token.length > 0,
    `createSession must return the new token, a non-empty string; it returned ${JSON.stringify(token)}`,
  );
}

/** The session's TTL must be ttlSeconds, give or take the few seconds a check takes. */
function ttlIsFresh(ttl: number, ttlSeconds: number): boolean {
  return ttl > ttlSeconds - 5 && ttl <= ttlSeconds;
}

async function keysIn(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

async function seedSession(redis: Redis, token: string, userId: string): Promise<string> {
  const key = `session:${token}`;
  await redis.hset(key, { userId, createdAt: Date.now() - 60_000 });
  await redis.expire(key, 600);
  return key;
}

const checks: CheckList<Exports> = [
  {
    name: 'createSession stores userId in the hash session:<token>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const token = await call('createSession', sandboxClient, userId, ttlOf(random));
      expectToken(expect, token);
      const key = `session:${token}`;
      expect.equal(
        await redis.type(key),
        'hash',
        `TYPE ${key} (the key for the token createSession returned; Redis holds: ${await keysIn(redis)})`,
      );
      expect.equal(await redis.hget(key, 'userId'), userId, `HGET ${key} userId`);
    },
  },
  {
    name: 'createSession records createdAt as Date.now() in milliseconds',
    async run({ call, sandboxClient, redis, expect, random }) {
      const before = Date.now();
      const token = await call('createSession', sandboxClient, userIdOf(random), ttlOf(random));
      const after = Date.now();
      expectToken(expect, token);
      const key = `session:${token}`;
      const createdAt = await redis.hget(key, 'createdAt');
      expect.ok(
        createdAt !== null,
        `HGET ${key} createdAt is nil: the hash has no createdAt field (fields: ${(await redis.hkeys(key)).join(', ') || 'none'})`,
      );
      const millis = Number(createdAt);
      expect.ok(
        /^\d+$/.test(createdAt ?? '') && millis >= before - 2000 && millis <= after + 2000,
        `HGET ${key} createdAt is "${createdAt}": expected Date.now() at creation, a number of milliseconds between ${before} and ${after}`,
      );
    },
  },
  {
    name: 'the session expires after ttlSeconds',
    async run({ call, sandboxClient, redis, expect, random }) {
      const ttlSeconds = ttlOf(random);
      const token = await call('createSession', sandboxClient, userIdOf(random), ttlSeconds);
      expectToken(expect, token);
      const key = `session:${token}`;
      const ttl = await redis.ttl(key);
      expect.ok(
        ttlIsFresh(ttl, ttlSeconds),
        `TTL ${key}: createSession was called with ttlSeconds = ${ttlSeconds}, so the TTL should be ${ttlSeconds} (or a few seconds less), but ${describeTtl(ttl)}. Redis holds: ${await keysIn(redis)}`,
      );
    },
  },
  {
    name: 'every session gets its own random token',
    async run({ call, sandboxClient, redis, expect, random }) {
      // Eight digits: too long to turn up by chance in the hex digits of a random UUID.
      const userId = String(random.int(10_000_000, 99_999_999));
      const first = await call('createSession', sandboxClient, userId, ttlOf(random));
      const second = await call('createSession', sandboxClient, userId, ttlOf(random));
      expectToken(expect, first);
      expectToken(expect, second);
      expect.ok(
        first !== second,
        `two calls of createSession for user ${userId} both returned the token "${first}": each session needs a new token`,
      );
      for (const token of [first, second]) {
        expect.ok(
          !token.includes(userId),
          `the token "${token}" contains the user id ${userId}: anyone who knows the id could guess it; use randomUUID()`,
        );
        expect.ok(
          token.length >= 16,
          `the token "${token}" has only ${token.length} characters, easy to guess; randomUUID() gives 36`,
        );
      }
      expect.equal(
        await redis.exists(`session:${first}`, `session:${second}`),
        2,
        `EXISTS session:${first} session:${second} (how many of the two sessions Redis holds)`,
      );
    },
  },
  {
    name: 'touchSession returns the userId and sets the TTL back to ttlSeconds',
    async run({ call, sandboxClient, redis, expect, random }) {
      const token = tokenOf(random);
      const userId = userIdOf(random);
      const key = await seedSession(redis, token, userId);
      // About to expire: touchSession must push it back. Five seconds, not one, so that a slow
      // machine cannot let the key expire before touchSession reads it.
      await redis.pexpire(key, 5000);
      const ttlSeconds = ttlOf(random);
      const returned = await call('touchSession', sandboxClient, token, ttlSeconds);
      expect.equal(returned, userId, `what touchSession returned for the session ${key}`);
      const ttl = await redis.ttl(key);
      expect.ok(
        ttlIsFresh(ttl, ttlSeconds),
        `TTL ${key}: the check set it to 5 seconds, then called touchSession with ttlSeconds = ${ttlSeconds}, so it should be back at ${ttlSeconds}; but ${describeTtl(ttl)}`,
      );
      expect.equal(await redis.hget(key, 'userId'), userId, `HGET ${key} userId afterwards`);
    },
  },
  {
    name: 'touchSession returns null for an unknown token and creates no key',
    async run({ call, sandboxClient, redis, expect, random }) {
      const other = await seedSession(redis, tokenOf(random), userIdOf(random));
      const unknown = tokenOf(random);
      const returned = await call('touchSession', sandboxClient, unknown, ttlOf(random));
      expect.equal(
        returned,
        null,
        `what touchSession returned for the token ${unknown}, which has no session`,
      );
      expect.equal(
        (await redis.keys('*')).sort(),
        [other],
        `KEYS * (before the call Redis held only ${other}; touchSession must not create session:${unknown})`,
      );
    },
  },
  {
    name: 'endSession deletes the session and no other',
    async run({ call, sandboxClient, redis, expect, random }) {
      const token = tokenOf(random);
      const key = await seedSession(redis, token, userIdOf(random));
      const other = await seedSession(redis, tokenOf(random), userIdOf(random));
      await call('endSession', sandboxClient, token);
      expect.equal(await redis.exists(key), 0, `EXISTS ${key} after endSession (0 means deleted)`);
      expect.equal(
        await redis.exists(other),
        1,
        `EXISTS ${other}, another user's session, after endSession for ${token}`,
      );
    },
  },
];

export default checks;
