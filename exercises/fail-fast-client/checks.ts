import type { CheckContext, CheckList, LearnerClient, Random } from '../../grader/checks/api.ts';

interface Exports {
  readSetting(key: string, fallback: string): Promise<string>;
}

type Context = CheckContext<Exports>;

/** What the checks allow for "within one second" on a slow, shared machine. */
const DEADLINE_MS = 2000;
/** How long after readSetting returns a client still trying to connect is watched for. */
const WATCH_MS = 1500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setting(random: Random) {
  return { key: `setting:${random.word()}`, value: random.word(8), fallback: random.word(7) };
}

/**
 * The call, or `late` once it has run for DEADLINE_MS: code that waits out ioredis's defaults
 * would otherwise run into the time limit and end as an error instead of a failed check.
 */
async function callWithin(ctx: Context, key: string, fallback: string) {
  const started = Date.now();
  const outcome = await Promise.race([
    ctx.call('readSetting', key, fallback).then((value) => ({ value })),
    pause(DEADLINE_MS).then(() => 'late' as const),
  ]);
  return { outcome, started, returnedAt: Date.now() };
}

function lateMessage(what: string): string {
  return (
    `${what}, readSetting had not returned after ${DEADLINE_MS / 1000} s. With ioredis's defaults a ` +
    'command waits through 20 reconnections, over a minute: set retryStrategy and maxRetriesPerRequest'
  );
}

const unhandled = (clients: readonly LearnerClient[]) =>
  clients.reduce((sum, client) => sum + client.unhandledErrors, 0);

/** How many clients readSetting made since `from` (an index into clients()), and left open. */
const openSince = (ctx: Context, from: number) => {
  const made = ctx.clients().slice(from);
  return { made: made.length, open: made.filter((client) => !client.closed).length };
};

const checks: CheckList<Exports> = [
  {
    name: 'returns the value of the key, or the fallback when there is none',
    // Scripts' commands show in executed() only: a KEYS run by EVAL is a lookup all the same.
    logExecuted: true,
    async run({ call, redis, random, executed, snapshot, diff, clients, expect }) {
      const { fallback } = setting(random);
      // A capital, a space and an é written as e and a combining accent (U+0301): a key is read
      // as it is given, not trimmed, lower-cased or normalized.
      const word = random.word();
      const key = `setting:${word[0]?.toUpperCase()}${word.slice(1)} ${random.word(4)}e\u0301`;
      // Spaces at either end, kept as they are: a value is returned as Redis holds it. The two
      // values have the same length, so that no shortcut (a STRLEN) can tell them apart.
      const value = `${random.word(7)} `;
      const changed = ` ${random.word(7)}`;
      // The same key first missing, then created: an answer remembered for a missing key fails.
      const empty = await snapshot();
      expect.equal(
        await call('readSetting', key, fallback),
        fallback,
        `readSetting('${key}', '${fallback}'), a key that does not exist`,
      );
      const missingRead = diff(empty, await snapshot());
      expect.ok(
        missingRead.changes.length === 0,
        `reading ${key}, which does not exist, changed what Redis holds (${missingRead.describe(missingRead.changes)}): answer the fallback and store nothing`,
      );
      // An expiry of its own: a read that removes it (GETEX PERSIST) or pushes it back (EXPIRE)
      // shows in the diff, which it cannot on a key with none.
      await redis.set(key, value, 'EX', random.int(600, 3000));
      const before = await snapshot();
      expect.equal(
        await call('readSetting', key, fallback),
        value,
        `readSetting('${key}', '${fallback}') after ${key} was created holding '${value}' (read Redis on every call, the key exactly as given)`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `reading ${key} changed what Redis holds (${changes.describe(changes.changes)}): read it with GET, which leaves the key, its value and its expiry as they were`,
      );
      await redis.set(key, changed);
      expect.equal(
        await call('readSetting', key, fallback),
        changed,
        `readSetting('${key}', '${fallback}') after ${key} changed to '${changed}' (read Redis on every call)`,
      );
      // Values that look like something else are strings all the same: digits with a leading
      // zero, JSON text, and the word null; text beyond ASCII is UTF-8 in Redis.
      for (const looksLike of ['007', `"Zoë ${random.word(4)} \u{2600}"`, 'null']) {
        await redis.set(key, looksLike);
        const returned = await call('readSetting', key, fallback);
        if (returned !== looksLike) {
          expect.equal(
            returned,
            looksLike,
            `readSetting('${key}', '${fallback}') with ${key} holding ${JSON.stringify(looksLike)}: return the string as stored, not parsed as JSON or a number, not decoded as anything but UTF-8; only a missing key answers the fallback`,
          );
        }
      }
      await redis.set(key, '');
      expect.equal(
        await call('readSetting', key, fallback),
        '',
        `readSetting('${key}', '${fallback}') with ${key} holding '' (an empty string is a value: only a missing key, a null reply, answers the fallback)`,
      );
      // Two requests at the same time: each call's client is its own, and so is its answer.
      const other = `setting:${random.word()}`;
      const otherValue = random.word(8);
      await redis.set(other, otherValue);
      const from = clients().length;
      expect.equal(
        await Promise.all([
          call('readSetting', key, fallback),
          call('readSetting', other, fallback),
        ]),
        ['', otherValue],
        `readSetting('${key}', '${fallback}') and readSetting('${other}', '${fallback}') called at the same time, with ${key} holding '' and ${other} '${otherValue}' (make a client in each call, and close only that one)`,
      );
      // A client shared by calls at the same time is closed under one of them by the other, or
      // left open after the first returns: each call needs its own.
      const made = clients().length - from;
      expect.ok(
        made >= 2,
        `readSetting('${key}', '${fallback}') and readSetting('${other}', '${fallback}'), called at the same time, made ${made} client between them: make a client of its own in each call with new Redis(…), and close that one before returning`,
      );
      const searches = (await executed()).filter(({ name }) => name === 'keys' || name === 'scan');
      expect.ok(
        searches.length === 0,
        `read the key you are given with GET, without looking it up first: readSetting ran ${searches.map(({ name, args, script }) => [name.toUpperCase(), ...args].join(' ') + (script ? ` (in ${script.toUpperCase()})` : '')).join(', ')}`,
      );
    },
  },
  {
    name: 'closes its client before returning',
    async run(ctx) {
      const { key, value, fallback } = setting(ctx.random);
      const missing = `setting:${ctx.random.id(key.slice('setting:'.length))}`;
      const hash = `setting:${ctx.random.id(key.slice('setting:'.length))}`;
      await ctx.redis.set(key, value);
      await ctx.redis.hset(hash, 'value', value);
      const cases = [
        { key, what: `${key} holding '${value}'`, mayThrow: false },
        { key: missing, what: `no key ${missing}`, mayThrow: false },
        // A GET that fails while connected: whether readSetting answers or throws WRONGTYPE is
        // its own affair, but the client must be closed either way.
        { key: hash, what: `${hash} a hash, so that GET answers WRONGTYPE`, mayThrow: true },
      ];
      for (const { key: read, what, mayThrow } of cases) {
        const from = ctx.clients().length;
        const threw = await ctx.call('readSetting', read, fallback).then(
          () => '',
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (!mayThrow || !message.includes('WRONGTYPE')) throw error;
            return ' (throwing WRONGTYPE)';
          },
        );
        const { made, open } = openSince(ctx, from);
        ctx.expect.ok(made > 0, 'readSetting made no client: create one with new Redis(…)');
        ctx.expect.ok(
          open === 0,
          `readSetting('${read}', '${fallback}') with ${what} returned${threw} with ${open} of the ${made} clients it made still open: close each with quit() or disconnect() on every path, e.g. in a finally`,
        );
      }
    },
  },
  {
    name: 'lets no error event go unhandled while Redis is away',
    async run(ctx) {
      const { key, fallback } = setting(ctx.random);
      ctx.redisAway();
      await callWithin(ctx, key, fallback);
      const count = unhandled(ctx.clients());
      ctx.expect.ok(
        count === 0,
        `with Redis away, your client emitted ${count} error events that nothing listened for (ioredis printed "[ioredis] Unhandled error event" for each): add redis.on('error', …)`,
      );
    },
  },
  {
    name: 'returns the fallback within a second when Redis is away',
    async run(ctx) {
      const { key, value, fallback } = setting(ctx.random);
      // Read once while Redis is there: a value remembered then is no answer once it is away.
      await ctx.redis.set(key, value);
      await ctx.call('readSetting', key, fallback);
      ctx.redisAway();
      const { outcome } = await callWithin(ctx, key, fallback);
      ctx.expect.ok(outcome !== 'late', lateMessage('With Redis away'));
      if (outcome === 'late') return;
      ctx.expect.equal(
        outcome.value,
        fallback,
        `readSetting('${key}', '${fallback}') with Redis away, after a call that read '${value}' while it was there (answer the fallback, not a value kept from an earlier call)`,
      );
    },
  },
  {
    name: 'stops trying to connect once it has returned',
    async run(ctx) {
      const { key, fallback } = setting(ctx.random);
      ctx.redisAway();
      const { outcome, returnedAt } = await callWithin(ctx, key, fallback);
      ctx.expect.ok(outcome !== 'late', lateMessage('With Redis away'));
      // A client left open goes on reconnecting for as long as Redis is away, however slowly its
      // retryStrategy does it: the watch below cannot last that long, its closing can be seen now.
      // connect() again on a client that ended itself (retryStrategy returning null) shows as a
      // new client, the ended one having made a single attempt: only one that reconnected on its
      // own, or the last one made, is still open for want of a close.
      const made = ctx.clients();
      const open = made.filter(
        (client, at) => !client.closed && (client.attempts.length > 1 || at === made.length - 1),
      ).length;
      ctx.expect.ok(
        open === 0,
        `with Redis away, readSetting returned with ${open} of the ${made.length} clients it made still open, reconnecting behind the answer: close each with disconnect() (or quit()) on every path, also when a deadline of your own wins or the GET fails`,
      );
      const attemptsAfter = () =>
        ctx
          .clients()
          .flatMap((client) => client.attempts)
          .filter((at) => at > returnedAt);
      // ioredis waits 50 ms more before each attempt: a client left retrying after a 800 ms
      // timeout tries again some 300 ms later. A busy machine delays each of those timers, and a
      // chain of them adds up: the watch lasts five times that, ending early once one is seen.
      for (const until = returnedAt + WATCH_MS; Date.now() < until; await pause(50)) {
        if (attemptsAfter().length > 0) break;
      }
      const after = attemptsAfter();
      ctx.expect.ok(
        after.length === 0,
        `with Redis away, your client tried to connect ${after.length} more times in the ${Date.now() - returnedAt} ms after readSetting returned: disconnect() (or quit()) stops its reconnection loop`,
      );
    },
  },
  {
    name: 'rides out an outage of a quarter second',
    async run(ctx) {
      const { key, value, fallback } = setting(ctx.random);
      await ctx.redis.set(key, value);
      ctx.redisAway(250);
      const { outcome } = await callWithin(ctx, key, fallback);
      ctx.expect.ok(outcome !== 'late', lateMessage('With Redis away for 250 ms'));
      if (outcome === 'late') return;
      const attempts = ctx.clients().reduce((sum, client) => sum + client.attempts.length, 0);
      ctx.expect.equal(
        outcome.value,
        value,
        `readSetting('${key}', '${fallback}') with Redis away for the first 250 ms (your client tried to connect ${attempts} times): the GET must still be waiting, in the offline queue, when Redis is back`,
      );
    },
  },
];

export default checks;
