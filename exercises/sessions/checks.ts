import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  Expect,
  Random,
  TtlWindow,
} from '../../grader/checks/api.ts';

interface Exports {
  createSession(redis: Redis, userId: string, ttlSeconds: number): Promise<string>;
  touchSession(redis: Redis, token: string, ttlSeconds: number): Promise<string | null>;
  endSession(redis: Redis, token: string): Promise<void>;
}

/** The fewest random bytes a token must hold; a UUID's 122 random bits count as enough. */
const MIN_TOKEN_BYTES = 16;
/** How long the createdAt check waits between two sessions, so that their times must differ. */
const CREATED_APART_MS = 25;
/** How far two readings of Date.now() may be off, measured in different places. */
const CLOCK_SLACK_MS = 10;

/** Zero-padded, as many ids are: code that turns it into a number loses the leading zeros. */
const userIdOf = (random: Random) => String(random.int(1000, 99999)).padStart(6, '0');
/**
 * A user id that is no number at all, with a capital, spaces (at its ends too, where a trim
 * would cut them) and an accent written both ways Unicode allows (é as one code point, then e
 * and a combining accent), which normalising would change.
 */
const namedUserIdOf = (random: Random) => {
  const name = random.word();
  return ` ${name.charAt(0).toUpperCase()}${name.slice(1)} ${random.word(4)}é e\u0301 `;
};
const ttlOf = (random: Random) => random.int(300, 3600);
/**
 * A session of less than a minute, shorter than any floor code might put on a TTL ("at least a
 * minute", five minutes), yet long enough that a slow machine cannot let it expire before the
 * check reads it.
 */
const shortTtlOf = (random: Random) => random.int(12, 50);
/**
 * A "remember me" session of more than 400 days (the most a browser keeps a cookie), longer than
 * any cap on the TTL that code might add: 30 days, a year.
 */
const longTtlOf = (random: Random) => random.int(401 * 86_400, 800 * 86_400);
/** A token shaped like randomUUID()'s, for sessions the check seeds itself. */
const tokenOf = (random: Random) => random.id('3f2b9c1e-7d4a-4e8b-9a61-0c5d2e8f4b17');
const sessionKey = (token: string) => `session:${token}`;

/**
 * ttlSeconds from now, whichever way it was set: EXPIRE and PEXPIRE land just under it, EXPIREAT
 * with the time rounded down up to a second earlier, rounded up up to a second later.
 */
const ttlWindow = (ttlSeconds: number): Extract<TtlWindow, { minMs: number }> => ({
  minMs: ttlSeconds * 1000 - 2000,
  maxMs: ttlSeconds * 1000 + 1000,
});

/** createSession must hand back a token before anything else can be looked at. */
function expectToken(expect: Expect, token: unknown): asserts token is string {
  expect.ok(
    typeof token === 'string' && token.length > 0,
    `createSession must return the new token, a non-empty string; it returned ${JSON.stringify(token)}`,
  );
}

async function keysIn(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

/** The KEYS and SCAN commands Redis ran for the learner, as they were sent. */
async function searchesIn(executed: CheckContext<Exports>['executed']): Promise<string[]> {
  return (await executed())
    .filter((command) => command.name === 'keys' || command.name === 'scan')
    .map((command) => [command.name.toUpperCase(), ...command.args].join(' '));
}

async function seedSession(
  redis: Redis,
  token: string,
  userId: string,
  ttlSeconds = 600,
  ageMs = 60_000,
): Promise<string> {
  const key = sessionKey(token);
  await redis.hset(key, { userId, createdAt: Date.now() - ageMs });
  await redis.expire(key, ttlSeconds);
  return key;
}

/**
 * Other users' sessions beside the one a check is about, shaped like its token. Their TTLs are
 * shorter than any the checks pass, so that touching one shows as a TTL set again.
 */
function otherSessions(
  decoys: CheckContext<Exports>['decoys'],
  redis: Redis,
  random: Random,
  like: string,
): Promise<string[]> {
  return decoys(like, 3, (token) =>
    seedSession(redis, token, userIdOf(random), random.int(60, 240)),
  );
}

const checks: CheckList<Exports> = [
  {
    name: 'createSession stores userId in the hash session:<token>',
    async run({ call, sandboxClient, redis, expect, random }) {
      // '' is a userId too: code that refuses it, or stores it as missing, fails here.
      for (const userId of [userIdOf(random), namedUserIdOf(random), '']) {
        const token = await call('createSession', sandboxClient, userId, ttlOf(random));
        expectToken(expect, token);
        const key = sessionKey(token);
        expect.equal(
          await redis.type(key),
          'hash',
          `TYPE ${key} (the key for the token createSession returned; Redis holds: ${await keysIn(redis)})`,
        );
        expect.equal(
          await redis.hget(key, 'userId'),
          userId,
          `HGET ${key} userId (store the userId string as it was given: never as a number, never trimmed, never normalised; an accent written as e and a combining mark, U+0301, stays so)`,
        );
      }
    },
  },
  {
    name: 'createSession records createdAt as Date.now() in milliseconds',
    async run({ call, sandboxClient, redis, expect, random }) {
      const before = Date.now();
      const token = await call('createSession', sandboxClient, userIdOf(random), ttlOf(random));
      const after = Date.now();
      expectToken(expect, token);
      const key = sessionKey(token);
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
      // A later session carries a later time: a timestamp taken once (when the module loaded,
      // or at the first call) stays put. Differences of times cancel any offset between clocks.
      await new Promise((resolve) => setTimeout(resolve, CREATED_APART_MS));
      const laterBefore = Date.now();
      const later = await call('createSession', sandboxClient, userIdOf(random), ttlOf(random));
      const laterAfter = Date.now();
      expectToken(expect, later);
      const laterKey = sessionKey(later);
      const laterCreatedAt = await redis.hget(laterKey, 'createdAt');
      const apart = laterBefore - after;
      // And no later than the time between them allows: a time cut to the second (or rounded)
      // moves by a whole second across a second's boundary, or not at all.
      const most = laterAfter - before;
      expect.ok(
        Number(laterCreatedAt) - millis >= apart - CLOCK_SLACK_MS &&
          Number(laterCreatedAt) - millis <= most + CLOCK_SLACK_MS,
        `createSession ran twice, ${apart} to ${most} ms apart, but ${key} has createdAt ` +
          `${createdAt} and ${laterKey} has ${laterCreatedAt}, ${Number(laterCreatedAt) - millis} ms ` +
          'later: take Date.now() inside createSession, at each creation, and store it as it is ' +
          '(not once for the whole program, not cut or rounded to the second)',
      );
    },
  },
  {
    name: 'createSession stores the two fields and nothing else',
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff }) {
      const like = tokenOf(random);
      await otherSessions(decoys, redis, random, like);
      // The first user is already logged in on five other devices: code that caps a user's
      // sessions and evicts the oldest deletes one of them.
      const userId = userIdOf(random);
      await decoys(like, 5, (token) => seedSession(redis, token, userId, random.int(60, 240)));
      const start = await snapshot();
      // Both shapes of id, and a short and a "remember me" TTL, so that an extra key written for
      // one kind of user or session shows too.
      const keys: string[] = [];
      for (const [id, ttlSeconds] of [
        [userId, ttlOf(random)],
        [namedUserIdOf(random), longTtlOf(random)],
      ] as const) {
        const token = await call('createSession', sandboxClient, id, ttlSeconds);
        expectToken(expect, token);
        const key = sessionKey(token);
        expect.equal(
          (await redis.hkeys(key)).sort(),
          ['createdAt', 'userId'],
          `the fields of ${key} (HKEYS)`,
        );
        keys.push(key);
      }
      const end = await snapshot();
      const changes = diff(start, end);
      const elsewhere = changes.outside(keys);
      expect.ok(
        elsewhere.length === 0,
        `createSession may write session:<token> only (${keys.join(' and ')}), and must leave ` +
          `every other session alone, user ${userId}'s on other devices too; but it ` +
          changes.describe(elsewhere),
      );
    },
  },
  {
    name: 'the session expires after ttlSeconds',
    async run({ call, sandboxClient, redis, expect, random, expectTtl }) {
      for (const ttlSeconds of [ttlOf(random), longTtlOf(random), shortTtlOf(random)]) {
        const token = await call('createSession', sandboxClient, userIdOf(random), ttlSeconds);
        expectToken(expect, token);
        const key = sessionKey(token);
        expect.equal(
          await redis.exists(key),
          1,
          `EXISTS ${key} (the key for the token createSession returned; Redis holds: ${await keysIn(redis)})`,
        );
        await expectTtl(key, ttlWindow(ttlSeconds));
      }
    },
  },
  {
    name: 'touchSession returns the userId and sets the TTL back to ttlSeconds',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, executed }) {
      const token = tokenOf(random);
      // An empty userId is a userId all the same: the session exists, so the touch finds it.
      const userId = '';
      const key = await seedSession(redis, token, userId);
      // About to expire: touchSession must push it back, to a "remember me" TTL of days, longer
      // than any cap code might put on it. Five seconds, not one, so that a slow machine cannot
      // let the key expire before touchSession reads it.
      await redis.pexpire(key, 5000);
      const rememberSeconds = longTtlOf(random);
      const ttlSeconds = ttlOf(random);
      // More time left than ttlSeconds (made with a longer TTL): the touch shortens it all the
      // same, which EXPIRE … GT, or a touch that skips the EXPIRE while time is left, never do.
      // Created more than 400 days ago: a session lives as long as its key, however old it is.
      const longToken = tokenOf(random);
      // Spaces at its ends, which the touch must hand back as they are.
      const longUserId = namedUserIdOf(random);
      // Older than any absolute timeout code might add (30 days, a year).
      const ageDays = random.int(401, 1000);
      const longKey = await seedSession(
        redis,
        longToken,
        longUserId,
        ttlSeconds * 2 + 600,
        ageDays * 86_400_000,
      );
      await otherSessions(decoys, redis, random, token);
      const start = await snapshot();
      const expectSlid = async (
        touchedKey: string,
        touchedToken: string,
        seconds: number,
        before: string,
      ) => {
        const { minMs, maxMs } = ttlWindow(seconds);
        const pttl = await redis.pttl(touchedKey);
        expect.ok(
          pttl >= minMs && pttl <= maxMs,
          `${touchedKey} ${before}; touchSession('${touchedToken}', ${seconds}) left PTTL ${pttl} ms: ` +
            `every touch must set the TTL to ${seconds} s, shorter or longer, however long ` +
            '(EXPIRE without GT or a cap, on every call, even right after another touch)',
        );
      };
      const returned = await call('touchSession', sandboxClient, token, rememberSeconds);
      expect.equal(
        returned,
        userId,
        `what touchSession returned for the session ${key}, whose userId is '' (a session all the same)`,
      );
      await expectSlid(key, token, rememberSeconds, 'had 5 s left');
      const longLeft = await redis.pttl(longKey);
      expect.equal(
        await call('touchSession', sandboxClient, longToken, ttlSeconds),
        longUserId,
        `what touchSession returned for the session ${longKey}, created ${ageDays} days ago and ` +
          'not expired (a session lasts as long as its key, however old; return its userId as ' +
          'stored, never trimmed or normalised: its accent written as e and a combining mark, ' +
          'U+0301, stays so)',
      );
      await expectSlid(
        longKey,
        longToken,
        ttlSeconds,
        `had ${Math.round(longLeft / 1000)} s left, more than ttlSeconds`,
      );
      // Touched a moment ago, with a little less than ttlSeconds left: the next touch slides it
      // all the same. Four seconds under it is more than EXPIREAT's rounding can lose.
      const nearlyMs = ttlSeconds * 1000 - 4000;
      await redis.pexpire(key, nearlyMs);
      expect.equal(
        await call('touchSession', sandboxClient, token, ttlSeconds),
        userId,
        `what touchSession returned for the session ${key} the second time`,
      );
      await expectSlid(
        key,
        token,
        ttlSeconds,
        `was touched a moment before, then had ${nearlyMs / 1000} s left (the check set it)`,
      );
      // A short session, under a minute: the touch sets exactly that, shorter than the TTL left,
      // with no floor of its own.
      const shortSeconds = shortTtlOf(random);
      expect.equal(
        await call('touchSession', sandboxClient, token, shortSeconds),
        userId,
        `what touchSession returned for the session ${key} the third time`,
      );
      await expectSlid(
        key,
        token,
        shortSeconds,
        `had about ${ttlSeconds} s left, from the touch before`,
      );
      const end = await snapshot();
      const changes = diff(start, end);
      const touched = [key, longKey];
      const rewritten = changes.changes.filter(
        (change) => touched.includes(change.key) && change.valueChanged,
      );
      const elsewhere = changes.outside(touched);
      expect.ok(
        rewritten.length === 0 && elsewhere.length === 0,
        `touchSession('${token}') and touchSession('${longToken}') may only set the TTLs of ` +
          `${key} and ${longKey}, but they ${changes.describe([...rewritten, ...elsewhere])}`,
      );
      const searches = await searchesIn(executed);
      expect.ok(
        searches.length === 0,
        `touchSession('${token}') must read ${key} by its name; it searched with ` +
          `${searches.join('; ')}, which walks every key in Redis on every request`,
      );
    },
  },
  {
    name: 'touchSession returns null for an unknown token and creates no key',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, executed }) {
      const known = tokenOf(random);
      await seedSession(redis, known, userIdOf(random));
      await otherSessions(decoys, redis, random, known);
      // Shaped like the real tokens, so that it cannot be told apart by its look.
      const unknown = tokenOf(random);
      const start = await snapshot();
      const returned = await call('touchSession', sandboxClient, unknown, ttlOf(random));
      expect.equal(
        returned,
        null,
        `what touchSession returned for the token ${unknown}, which has no session`,
      );
      // A forged token is any text, used as it is: a glob in it matches nothing, it is part of
      // the key's name; capitals, a %-escape or a space at an end name another key than
      // session:<known>, which trimming, decoding or lower-casing the token would reach.
      const at = random.int(4, 12);
      const [head, char, tail] = [known.slice(0, at), known.charAt(at), known.slice(at + 1)];
      const forged = [
        `${head}*`,
        known.toUpperCase(),
        `${head}%${char.charCodeAt(0).toString(16).toUpperCase()}${tail}`,
        ` ${known}`,
        `${known} `,
      ];
      for (const fake of forged) {
        const forgedReturned = await call('touchSession', sandboxClient, fake, ttlOf(random));
        expect.equal(
          forgedReturned,
          null,
          `what touchSession returned for the token '${fake}', which has no session (session:${known} ` +
            'is another one: read the one key the token names, the token as it is, never trimmed, ' +
            'decoded or lower-cased, and never a KEYS or SCAN pattern)',
        );
      }
      const end = await snapshot();
      const changes = diff(start, end);
      const changed = changes.changes;
      expect.ok(
        changed.length === 0,
        `touchSession('${unknown}') and touchSession with ${forged.map((fake) => `'${fake}'`).join(', ')} ` +
          `found no session and must change nothing, but they ${changes.describe(changed)}`,
      );
      // Whatever the token's shape, a search walks every key: refused for odd tokens as well.
      const searches = await searchesIn(executed);
      expect.ok(
        searches.length === 0,
        `touchSession with a forged token must read session:<token> by its name, as it is; it searched ` +
          `with ${searches.join('; ')}: never a KEYS or SCAN pattern, whatever the token holds`,
      );
    },
  },
  {
    name: 'touchSession asks Redis every time: a session that has ended is gone',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const ttlSeconds = ttlOf(random);
      // Made by the learner's own createSession, so that a copy kept there shows too.
      const token = await call('createSession', sandboxClient, userId, ttlSeconds);
      expectToken(expect, token);
      const key = sessionKey(token);
      expect.equal(
        await call('touchSession', sandboxClient, token, ttlSeconds),
        userId,
        `what touchSession returned for the session ${key}`,
      );
      // As if it had expired, or the user had logged out from another server.
      await redis.del(key);
      const after = await call('touchSession', sandboxClient, token, ttlSeconds);
      expect.equal(
        after,
        null,
        `what touchSession returned once ${key} was gone (the check deleted it): ask Redis on ` +
          'every call, never a copy kept in your code',
      );
      expect.equal(await redis.exists(key), 0, `EXISTS ${key} after that touchSession`);
    },
  },
  {
    name: 'a touch at the same time as a logout never brings the session back',
    async run({ race, sandboxClient, redis, expect, random }) {
      const token = tokenOf(random);
      const userId = userIdOf(random);
      const key = sessionKey(token);
      const ttlSeconds = ttlOf(random);
      await race({
        calls: [
          ['touchSession', sandboxClient, token, ttlSeconds],
          ['endSession', sandboxClient, token],
        ],
        labels: [`touchSession('${token}')`, `endSession('${token}')`],
        setup: async () => {
          await seedSession(redis, token, userId);
        },
        verify: async ([touch, end]) => {
          expect.ok(
            end.threw === undefined && touch.threw === undefined,
            `touchSession and endSession ran at the same time, and one threw: ${touch.threw ?? end.threw}`,
          );
          expect.ok(
            touch.returned === userId || touch.returned === null,
            `touchSession('${token}') ran at the same time as the logout and returned ` +
              `${JSON.stringify(touch.returned)}: it must return ${userId} (it came first) or null`,
          );
          const left = await redis.hgetall(key);
          expect.ok(
            Object.keys(left).length === 0,
            `after a logout, ${key} must be gone, whatever ran at the same time; but it holds ` +
              `${JSON.stringify(left)}: the touch wrote to a session that had been deleted. ` +
              'Never write to a session you have not found; EXPIRE on a missing key creates nothing',
          );
        },
      });
    },
  },
  {
    name: 'endSession deletes the session and no other',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, executed }) {
      const token = tokenOf(random);
      const userId = userIdOf(random);
      const key = await seedSession(redis, token, userId);
      await otherSessions(decoys, redis, random, token);
      // The same user logged in on another device: that session stays.
      const [otherDevice = ''] = await decoys(token, 1, (other) =>
        seedSession(redis, other, userId, random.int(60, 240)),
      );
      const start = await snapshot();
      await call('endSession', sandboxClient, token);
      expect.equal(await redis.exists(key), 0, `EXISTS ${key} after endSession (0 means deleted)`);
      const end = await snapshot();
      const changes = diff(start, end);
      const elsewhere = changes.changes.filter((change) => change.key !== key);
      expect.ok(
        elsewhere.length === 0,
        `endSession('${token}') may delete ${key} only (user ${userId}'s session on another ` +
          `device, ${sessionKey(otherDevice)}, stays), but it ${changes.describe(elsewhere)}`,
      );
      // A forged token is any text: a glob in it is part of the one key's name, and matches
      // nothing. Every special character of a glob (* ? [ ] \) is there, a %-escape that
      // decodes to the other device's token, that token in capitals and with a space at either
      // end, each aimed at the other device's session.
      const at = random.int(4, 12);
      const [head, char, tail] = [
        otherDevice.slice(0, at),
        otherDevice.charAt(at),
        otherDevice.slice(at + 1),
      ];
      const forged = [
        `${head}*`,
        `${head}?${tail}`,
        `${head}[${char}]${tail}`,
        `${head}\\${char}${tail}`,
        `${head}%${char.charCodeAt(0).toString(16).toUpperCase()}${tail}`,
        otherDevice.toUpperCase(),
        ` ${otherDevice}`,
        `${otherDevice} `,
      ];
      for (const fake of forged) await call('endSession', sandboxClient, fake);
      const final = diff(end, await snapshot());
      expect.ok(
        final.changes.length === 0,
        `endSession with the tokens ${forged.map((fake) => `'${fake}'`).join(', ')}, which name no ` +
          `session (${sessionKey(otherDevice)} is another one), but it ${final.describe(final.changes)}: ` +
          'delete the one key the token names, as it is (never trimmed, decoded or lower-cased), ' +
          'never what a KEYS or SCAN pattern matches',
      );
      const searches = await searchesIn(executed);
      expect.ok(
        searches.length === 0,
        `endSession must delete session:<token> by its name; it searched with ${searches.join('; ')}, ` +
          'which walks every key in Redis and can match sessions a forged token aims at',
      );
    },
  },
  {
    // Last, so that its sessions are the last ones of the grading: a module that draws from
    // node:crypto for its first few sessions only, then goes on from a secret and a counter, meets
    // it after the switch. Three tokens, each judged against the other two: two of one user (one
    // of them a "remember me" session), and one of a user whose id is no number, so that code
    // careless for one kind of session or user only shows too.
    name: 'every session gets its own unguessable token, drawn from node:crypto',
    async run({ call, sandboxClient, redis, expect, random, randomBytesIn, cameFromRandomness }) {
      const userId = userIdOf(random);
      const sessions = [
        [userId, ttlOf(random)],
        [userId, longTtlOf(random)],
        [namedUserIdOf(random), ttlOf(random)],
      ] as const;
      const tokens: string[] = [];
      const made = new Map<string, string>();
      for (const [id, ttlSeconds] of sessions) {
        const token = await call('createSession', sandboxClient, id, ttlSeconds);
        expectToken(expect, token);
        tokens.push(token);
        made.set(token, `createSession('${id}', ${ttlSeconds})`);
      }
      expect.ok(
        new Set(tokens).size === tokens.length,
        `two calls of createSession for user ${userId} and one for another user returned the tokens ${tokens.map((token) => `"${token}"`).join(', ')}: each session needs a new token`,
      );
      for (const token of tokens) {
        expect.ok(
          cameFromRandomness(token),
          `the token "${token}" of ${made.get(token)} holds no value drawn from node:crypto by that call: a ` +
            'token made from the clock, Math.random(), the user id (even hashed or encoded) or a ' +
            'secret drawn once for many sessions can be guessed or recomputed. Use randomUUID(), ' +
            `or randomBytes(${MIN_TOKEN_BYTES}) in hex or base64url, in every call, whatever the ` +
            'user or the TTL',
        );
        const bytes = randomBytesIn(token);
        expect.ok(
          bytes >= MIN_TOKEN_BYTES,
          `the token "${token}" holds ${bytes === 0 ? 'too little' : `only ${bytes} bytes`} of ` +
            `randomness, few enough to try them all; use randomUUID(), or at least ` +
            `randomBytes(${MIN_TOKEN_BYTES})`,
        );
        // A draw two tokens hold is a secret the user already has: one token gives the other.
        const others = tokens.filter((other) => other !== token);
        expect.ok(
          randomBytesIn(token, others) >= MIN_TOKEN_BYTES,
          `the token "${token}" holds the same random value as another of ${others.map((other) => `"${other}"`).join(', ')} ` +
            `(sessions of user ${userId} and of another user): whoever has one can work out the other. Draw a new ` +
            'value with randomUUID() or randomBytes() for every session',
        );
      }
      expect.equal(
        await redis.exists(...tokens.map(sessionKey)),
        tokens.length,
        `EXISTS ${tokens.map(sessionKey).join(' ')} (how many of the three sessions Redis holds)`,
      );
    },
  },
];

export default checks;
