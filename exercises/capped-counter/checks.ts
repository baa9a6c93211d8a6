import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
  StepCommand,
} from '../../grader/checks/api.ts';

interface Exports {
  hit(redis: Redis, name: string, cap: number): Promise<number>;
}

const counterKey = (name: string) => `counter:${name}`;

/** A name like the app's, `exports:<user>`, with a user of random length. */
const counterName = (random: Random) => `exports:${random.word(random.int(4, 7))}`;

/** A name whose user carries an id, as real accounts do: `exports:bo42`. */
const idName = (random: Random) =>
  `exports:${random.word(random.int(3, 6))}${random.int(1, 9_999)}`;

/**
 * A name of another shape than the app's: starting with `counter:` itself, another feature than
 * exports, capitals, two spaces in a row and one at the end, an accent precomposed (é) and one
 * combining (e + U+0301), each of a pattern's special characters twice, and a `$&`. Code that
 * tidies, normalises or escapes the name, assumes `exports:`, leaves out a `counter:` it finds
 * already there, or builds the key with String.replace (whose replacement reads `$&` as the text
 * matched) builds another key.
 */
const oddName = (random: Random) => {
  const upper = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return `counter:${random.pick(['imports', 'invites', 'reports'])}:${upper(random.word(4))}  ${upper(random.word(2))}é*?[${random.word(2)}e\u0301]\\*?[]$& `;
};

/**
 * A name longer than any limit a program might put on key names (a few hundred characters), one
 * of two that share their first 1200 characters: code that cuts names counts both in one key.
 */
const longName = (random: Random) =>
  `exports:${Array.from({ length: 150 }, () => random.word(7)).join('-')}:${random.word(5)}`;
/** A long name as a message shows it. */
const shortened = (name: string) =>
  name.length > 60 ? `${name.slice(0, 40)}…${name.slice(-12)} (${name.length} characters)` : name;

/** Two different names. */
function twoNames(random: Random): [string, string] {
  const first = counterName(random);
  let second = counterName(random);
  while (second === first) second = counterName(random);
  return [first, second];
}

/** Commands that run a Lua script or a function; their keys follow the number of keys. */
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/**
 * Another app server's hit, sent by the grader among the learner's commands in a race: the
 * capped INCR in one step, as a right hit does it.
 */
const OTHER_HIT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

/** The answers of the grader's own hits in a race's interleaving, in order. */
const otherHits = (steps: readonly RaceStepView[]) =>
  steps
    .filter((step) => step.by === 'grader')
    .map((step) => (step.reply && 'value' in step.reply ? step.reply.value : step.reply?.error));

/** Commands that manage scripts and libraries: they write no key. */
const SCRIPT_ADMIN = new Set(['script', 'function']);

/** An argument as a log line shows it: on one line, a long one (a Lua script) cut short. */
const shortArg = (arg: string) => {
  const line = arg.replace(/\s+/g, ' ').trim();
  if (line === '') return '""';
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

const show = (command: LoggedCommand & { script?: string }) =>
  [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' ') +
  (command.script ? ` (inside ${command.script.toUpperCase()})` : '');

function listed(commands: readonly ExecutedCommand[], max = 12): string {
  if (commands.length === 0) return 'nothing';
  const shown = commands.slice(0, max).map(show);
  return commands.length > max
    ? `${shown.join('; ')}; … (${commands.length} in all)`
    : shown.join('; ');
}

/** Whether the calls' steps took turns, rather than one call running after the other. */
const tookTurns = (steps: readonly RaceStepView[]) =>
  steps.filter((step, index) => index > 0 && step.by !== steps[index - 1]?.by).length > 1;

const outcome = (result: RaceOutcome<number>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/**
 * A write that can only create a key (SET … NX, SETNX), sent to a key that held a value before
 * the call: it changes nothing. Any command that could have removed the key first is a write of
 * its own, and counted.
 */
const createsOnly = (command: ExecutedCommand, existed: ReadonlySet<string>) =>
  (command.name === 'setnx' ||
    (command.name === 'set' && command.args.slice(2).some((arg) => arg.toLowerCase() === 'nx'))) &&
  existed.has(command.args[0] ?? '');

/**
 * The commands Redis flags as writes among those it ran for the learner, but for a SET … NX
 * that found its key in `existed`.
 */
const writesAmong = (commands: readonly ExecutedCommand[], existed: ReadonlySet<string>) =>
  commands.filter(
    (command) => command.write && !SCRIPT_ADMIN.has(command.name) && !createsOnly(command, existed),
  );

/**
 * Which commands of a race step Redis ran as writes, by Redis's own flags. A transaction whose
 * EXEC answered null ran nothing, a command Redis refused wrote nothing, and a SET … NX (or
 * SETNX) that found the key set nothing.
 */
function writesIn(step: RaceStepView): StepCommand[] {
  if (step.reply === undefined || !('value' in step.reply)) return [];
  const value = step.reply.value;
  const transaction = step.commands[0]?.name === 'multi';
  if (transaction && !Array.isArray(value)) return [];
  const ran = transaction
    ? step.commands
        .slice(1, -1)
        .map((command, index) => ({ command, reply: (value as unknown[][])[index] }))
        .filter(({ reply }) => reply !== undefined && !reply[0])
        .map(({ command, reply }) => ({ command, value: reply?.[1] }))
    : step.commands.map((command) => ({ command, value }));
  return ran
    .filter(
      ({ command, value: reply }) =>
        command.write && !SCRIPT_ADMIN.has(command.name) && !setNothing(command, reply),
    )
    .map(({ command }) => command);
}

/**
 * The writes Redis ran for one call's steps, in order. A transaction sent command by command
 * (ioredis's `multi({ pipeline: false })`) takes a step per command: its commands only queue
 * (Redis answers QUEUED), and run at its EXEC, all of them, or none when EXEC answers null (a
 * WATCH fired).
 */
function writesOf(steps: readonly RaceStepView[]): StepCommand[] {
  const wrote: StepCommand[] = [];
  let queued: StepCommand[] | undefined;
  for (const step of steps) {
    const [first] = step.commands;
    if (queued === undefined) {
      if (step.commands.length === 1 && first?.name === 'multi') queued = [];
      else wrote.push(...writesIn(step));
    } else if (first?.name === 'exec') {
      const value = step.reply && 'value' in step.reply ? step.reply.value : undefined;
      if (Array.isArray(value)) {
        queued.forEach((command, index) => {
          const reply: unknown = value[index];
          // ioredis's [error, value] pair for each queued command.
          const [error, result] = Array.isArray(reply) ? reply : [null, reply];
          if (!error && command.write && !SCRIPT_ADMIN.has(command.name)) {
            if (!setNothing(command, result)) wrote.push(command);
          }
        });
      }
      queued = undefined;
    } else if (first?.name === 'discard') {
      queued = undefined;
    } else {
      queued.push(...step.commands);
    }
  }
  return wrote;
}

const setNothing = (command: LoggedCommand, reply: unknown) =>
  (command.name === 'setnx' && reply === 0) ||
  (command.name === 'set' &&
    command.args.slice(2).some((arg) => arg.toLowerCase() === 'nx') &&
    reply === null);

/**
 * A counter `count` with an expiry a month away or less, as the app's monthly reset leaves it;
 * `count` 0 leaves the key missing.
 */
async function seedCounter(redis: Redis, random: Random, name: string, count: number) {
  if (count === 0) return;
  await redis.set(counterKey(name), count, 'EX', random.int(3_600, 30 * 86_400));
}

const checks: CheckList<Exports> = [
  {
    name: 'hit adds 1 to counter:<name> and returns the new count as a number',
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff }) {
      const name = oddName(random);
      const key = counterKey(name);
      // A two-digit cap and a one-digit count that compares above it as text ("7" > "35"):
      // a script that compares ARGV[1] without tonumber refuses here.
      const cap = random.int(10, 59);
      const count = random.int(Math.floor(cap / 10) + 1, 9);
      await redis.set(key, count);
      const before = await snapshot();

      const returned = await call('hit', sandboxClient, name, cap);
      const created = diff(before, await snapshot()).created;
      expect.ok(
        created.length === 0,
        `hit(redis, '${name}', ${cap}) created ${created.join(', ')}, while ${key} holds "${count}": count in counter: followed by the name exactly as given, whatever it starts with (counter: too): capitals, spaces, the accent written as e followed by a combining U+0301 (not normalised into é), and the $& (not read as a String.replace pattern) all`,
      );
      expect.equal(
        returned,
        count + 1,
        `hit(redis, '${name}', ${cap}) with ${key} holding "${count}" returned (a number, as INCR answers it; compare the count and the cap as numbers, with tonumber in Lua)`,
      );
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      expect.equal(await redis.get(key), String(count + 1), `GET ${key}`);
    },
  },
  {
    name: 'the first hit on a counter that does not exist returns 1 and stores "1"',
    async run({ call, sandboxClient, redis, random, expect }) {
      // A cap of 1 too: that first hit also reaches the cap, and must still set no expiry.
      const [name, full] = twoNames(random);
      // And two long names sharing their start, each counted in a key of its own.
      const long = longName(random);
      const longer = `${long.slice(0, 1200)}${random.word(6)}`;
      for (const [each, cap] of [
        [name, random.int(2, 9)],
        [full, 1],
        [long, random.int(2, 9)],
        [longer, random.int(2, 9)],
      ] as const) {
        const key = counterKey(each);
        const returned = await call('hit', sandboxClient, each, cap);
        expect.equal(
          returned,
          1,
          `hit(redis, '${shortened(each)}', ${cap}) when ${shortened(key)} does not exist (a count of 0) returned${each.length > 60 ? '; a name may be long, and every character counts: keep it whole in the key' : ''}`,
        );
        expect.equal(
          await redis.type(key),
          'string',
          `TYPE ${shortened(key)} (none: there is no such key${each.length > 60 ? ': keep the whole name in the key, however long' : ''})`,
        );
        expect.equal(await redis.get(key), '1', `GET ${shortened(key)}`);
        const pttl = await redis.pttl(key);
        expect.ok(
          pttl === -1,
          `hit sets no expiry of its own, but ${key} has a TTL of ${pttl} ms after the first hit with a cap of ${cap}${cap === 1 ? ' (the hit that reached the cap)' : ''}: leave expiries to the monthly reset`,
        );
      }
    },
  },
  {
    name: 'at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind',
    logExecuted: true,
    async run({
      call,
      sandboxClient,
      redis,
      random,
      expect,
      snapshot,
      diff,
      executed,
      commands,
      clients,
    }) {
      const [full, over] = twoNames(random);
      const cap = random.int(1, 30);
      // A cap lowered below a count of one digit: a cap typed into the code, rather than the
      // one given, lets this hit count.
      const lowered = random.int(1, 4);
      const above = lowered + random.int(1, 5);
      // A plan with a cap in the millions, reached all the same: no cap is too large to hold.
      let huge = counterName(random);
      while (huge === full || huge === over) huge = counterName(random);
      const hugeCap = random.int(1_000_000, 2_000_000_000);
      await seedCounter(redis, random, full, cap);
      await seedCounter(redis, random, over, above);
      await seedCounter(redis, random, huge, hugeCap);
      const before = await snapshot();

      const atCap = await call('hit', sandboxClient, full, cap);
      expect.equal(
        atCap,
        -1,
        `hit(redis, '${full}', ${cap}) with ${counterKey(full)} holding "${cap}" (the cap reached) returned`,
      );
      const pastCap = await call('hit', sandboxClient, over, lowered);
      expect.equal(
        pastCap,
        -1,
        `hit(redis, '${over}', ${lowered}) with ${counterKey(over)} holding "${above}" (above the cap, which was lowered) returned`,
      );
      const atHugeCap = await call('hit', sandboxClient, huge, hugeCap);
      expect.equal(
        atHugeCap,
        -1,
        `hit(redis, '${huge}', ${hugeCap}) with ${counterKey(huge)} holding "${hugeCap}" (a cap in the millions, reached) returned; compare with the cap however large it is`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `three refused hits must change nothing, yet they ${changes.describe(changes.changes)}`,
      );
      // A SET … NX that finds the counter there changes nothing, and is no write.
      const writes = writesAmong(await executed(), new Set(before.keys.keys()));
      expect.ok(
        writes.length === 0,
        `a refused hit must write nothing, not even a change it undoes afterwards: other clients see the count past its cap in between. Redis ran: ${listed(writes)}`,
      );
      // The client is the caller's: a WATCH left on it makes the caller's next MULTI/EXEC fail
      // whenever the counter changes meanwhile. EXEC, DISCARD, UNWATCH and RESET end a WATCH.
      const watching = new Map<number, string>();
      for (const command of commands()) {
        const client = command.client ?? 1;
        if (command.name === 'watch') watching.set(client, show(command));
        if (['exec', 'discard', 'unwatch', 'reset'].includes(command.name)) watching.delete(client);
      }
      const open = clients();
      const left = [...watching].filter(([client]) => open[client - 1]?.closed !== true);
      expect.ok(
        left.length === 0,
        `the refused hits left a WATCH on the client they were lent: ${left.map(([, watch]) => watch).join(' and ')}, never followed by EXEC, DISCARD or UNWATCH on that client. The client is the caller's, and its next MULTI/EXEC would fail when the counter changes: send UNWATCH before returning -1`,
      );
    },
  },
  {
    name: 'hit counts up to the cap and no further, reading Redis every time',
    async run({ call, sandboxClient, redis, random, expect }) {
      const name = counterName(random);
      const key = counterKey(name);
      const cap = random.int(5, 9);
      const answers: string[] = [];
      const expectHit = async (expected: number, state: string, capNow = cap) => {
        const returned = await call('hit', sandboxClient, name, capNow);
        answers.push(JSON.stringify(returned));
        expect.equal(
          returned,
          expected,
          `hit(redis, '${name}', ${capNow}) ${state}; the calls so far returned ${answers.join(', ')}, and GET ${key} is now ${JSON.stringify(await redis.get(key))}. Read the count from Redis and compare it with this call's cap on every hit. The answer`,
        );
      };

      await expectHit(1, `when ${key} did not exist`);
      // Other app servers hit the same counter in between, and the monthly reset gives it an
      // expiry: a counter with one is counted (and refunded) like any other.
      const others = random.int(1, cap - 3);
      const seconds = random.int(3_600, 30 * 86_400);
      await redis.incrby(key, others);
      await redis.expire(key, seconds);
      await expectHit(
        2 + others,
        `after other clients had added ${others} to ${key}, making it "${1 + others}", and given it an expiry ${seconds} s away`,
      );
      for (let count = 2 + others; count < cap; count++) {
        await expectHit(count + 1, `with ${key} holding "${count}"`);
      }
      await expectHit(-1, `with ${key} holding "${cap}", the cap`);
      // A refund: another client takes one back, without deleting the key.
      await redis.decr(key);
      await expectHit(
        cap,
        `after another client took one back with DECR ${key}, making it "${cap - 1}"`,
      );
      // The user upgrades: the same name comes with a higher cap, and counts again.
      // At least two above: with the count at cap + 1 after it, a code that kept the raised cap
      // still has room, and says so when the cap is lowered again.
      const raised = cap + random.int(2, 5);
      await expectHit(
        cap + 1,
        `with ${key} holding "${cap}" and the cap raised to ${raised}`,
        raised,
      );
      // And downgrades again: the cap of this call, below the count, refuses.
      await expectHit(-1, `with ${key} holding "${cap + 1}" and the cap lowered again to ${cap}`);
      // The monthly reset deletes the counter: counting starts again.
      await redis.del(key);
      await expectHit(1, `after ${key} was deleted (the monthly reset)`);
    },
  },
  {
    name: "hit keeps the counter's expiry",
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff }) {
      const name = counterName(random);
      const key = counterKey(name);
      const cap = random.int(5, 40);
      const seconds = random.int(3_600, 30 * 86_400);
      await redis.set(key, cap - 2, 'EX', seconds);
      // Two hits: one that counts below the cap, and the one that fills the counter.
      for (const count of [cap - 2, cap - 1]) {
        const before = await snapshot();
        await call('hit', sandboxClient, name, cap);
        const own = diff(before, await snapshot()).changes.find((change) => change.key === key);
        const pttl = await redis.pttl(key);
        expect.ok(
          own?.kind === 'changed' && own.ttl === 'kept',
          `${key} held "${count}" and expired in ${seconds} s; after hit(redis, '${name}', ${cap})${count === cap - 1 ? ', which reached the cap,' : ''} it ${
            own === undefined
              ? 'did not change'
              : own.kind === 'deleted'
                ? 'is gone'
                : own.ttl === 'removed'
                  ? 'never expires: a SET without KEEPTTL drops the TTL, INCR keeps it'
                  : own.ttl === 'reset'
                    ? `expires at another moment (PTTL ${pttl} ms): hit must not set an expiry, not even on a full counter`
                    : `changed (PTTL ${pttl} ms)`
          }`,
        );
        expect.equal(await redis.get(key), String(count + 1), `GET ${key}`);
      }

      // A counter refunded down to "0", with its expiry: a count like any other, not a new counter.
      const refunded = counterName(random);
      const refundedKey = counterKey(refunded);
      await redis.set(refundedKey, 0, 'EX', seconds);
      const before = await snapshot();
      const fromZero = await call('hit', sandboxClient, refunded, cap);
      const own = diff(before, await snapshot()).changes.find(
        (change) => change.key === refundedKey,
      );
      const zeroPttl = await redis.pttl(refundedKey);
      expect.ok(
        fromZero === 1 && own?.kind === 'changed' && own.ttl === 'kept',
        `${refundedKey} held "0" (every use refunded) and expired in ${seconds} s; hit(redis, '${refunded}', ${cap}) returned ${JSON.stringify(fromZero)} and left it ${own?.ttl === 'removed' ? 'with no expiry: a counter holding "0" is there, with its TTL, and INCR keeps it where a SET drops it' : `holding ${JSON.stringify(await redis.get(refundedKey))} with PTTL ${zeroPttl} ms`}: it must return 1 and keep the expiry`,
      );

      // A counter with no expiry, one below the cap: the hit that fills it leaves it without one.
      const filled = counterName(random);
      const filledKey = counterKey(filled);
      await redis.set(filledKey, cap - 1);
      await call('hit', sandboxClient, filled, cap);
      const filledPttl = await redis.pttl(filledKey);
      expect.ok(
        filledPttl === -1,
        `${filledKey} held "${cap - 1}" with no expiry; after hit(redis, '${filled}', ${cap}), which reached the cap, it has a TTL of ${filledPttl} ms: hit sets no expiry, not even on a full counter (the monthly reset clears it)`,
      );
    },
  },
  {
    name: 'hits at the same time never take the counter past the cap',
    async run({ race, sandboxClient, redis, random, expect }) {
      // A user with an id in the name: code careful only with the names of other checks races too.
      const name = idName(random);
      const key = counterKey(name);
      const cap = random.int(2, 20);
      await race({
        calls: [
          ['hit', sandboxClient, name, cap],
          ['hit', sandboxClient, name, cap],
        ],
        labels: [`hit(${name}, ${cap})`, `hit(${name}, ${cap})`],
        setup: async () => {
          await redis.set(key, cap - 1);
        },
        verify: async (results, steps) => {
          const held = await redis.get(key);
          const returned = results.map(outcome);
          const sorted = results.map((result) => result.returned).sort();
          expect.ok(
            JSON.stringify(sorted) === JSON.stringify([-1, cap].sort()) && held === String(cap),
            `${key} held "${cap - 1}", room for one hit below the cap of ${cap}: one hit must return ${cap} and the other -1, leaving "${cap}"; they returned ${returned.join(' and ')}, and ${key} holds ${JSON.stringify(held)}.${
              tookTurns(steps)
                ? ' Reading the count and writing in separate commands lets both hits see room: read, compare and INCR in one script (or WATCH the key before reading it)'
                : ''
            }`,
          );
          // The refused hit, even one that lost a race first, writes nothing: an INCR it undoes
          // shows the count past its cap to every other client in between.
          const refused = results.findIndex((result) => result.returned === -1);
          const wrote = writesOf(steps.filter((each) => each.by === refused)).map(show);
          expect.ok(
            wrote.length === 0,
            `${key} held "${cap - 1}", room for one hit below the cap of ${cap}; the hit that returned -1 wrote to Redis: ${wrote.join('; ')}. A refused hit writes nothing at all, not even a change it undoes afterwards (other clients see the count past its cap in between): after a lost race, WATCH and read again, or decide in one script`,
          );
        },
      });

      // Four hits on a counter that does not exist yet, with room for three: a new counter is
      // raced over like any other, however much room it seems to have, and a hit that lost a
      // race must WATCH again before it reads again (EXEC ends every WATCH). The grader's three
      // hits are right ones, one step each.
      const fresh = oddName(random);
      const freshKey = counterKey(fresh);
      await race({
        calls: [['hit', sandboxClient, fresh, 3]],
        labels: [`hit(${fresh}, 3)`],
        interject: [
          ['EVAL', OTHER_HIT, '1', freshKey, '3'],
          ['EVAL', OTHER_HIT, '1', freshKey, '3'],
          ['EVAL', OTHER_HIT, '1', freshKey, '3'],
        ],
        verify: async ([result], steps) => {
          const held = await redis.get(freshKey);
          const others = otherHits(steps);
          const sorted = [result.returned, ...others].map(String).sort();
          expect.ok(
            JSON.stringify(sorted) === JSON.stringify(['-1', '1', '2', '3']) && held === '3',
            `${freshKey} did not exist and the cap was 3; while hit(redis, '${fresh}', 3) ran, three other app servers each hit the same counter with a capped INCR in one step ("grader" in the table): three of the four hits must count and one return -1, leaving "3"; hit returned ${outcome(result)}, the other hits ${others.map((other) => JSON.stringify(other)).join(' and ')}, and ${freshKey} holds ${JSON.stringify(held)}.${
              tookTurns(steps)
                ? ' A new counter needs the same single step as any other (read, compare and INCR in one script), and with WATCH, send WATCH again before every read: EXEC, even one that fails, ends the WATCH'
                : ''
            }`,
          );
        },
      });
    },
  },
  {
    name: 'hits at the same time all go through when there is room for all',
    async run({ race, sandboxClient, redis, random, expect }) {
      const name = counterName(random);
      const key = counterKey(name);
      const cap = random.int(2, 20);
      const start = random.int(0, cap - 2);
      /** Whether a hit's EXEC answered null: it lost a race. */
      const execFailed = (steps: readonly RaceStepView[]) =>
        steps.some(
          (step) =>
            step.commands.some((command) => command.name === 'exec') &&
            step.reply !== undefined &&
            'value' in step.reply &&
            step.reply.value === null,
        );
      const lostRace =
        ' An EXEC that answered null means the hit lost a race, not that the counter is full: WATCH, read and try again, as many times as it takes';
      await race({
        calls: [
          ['hit', sandboxClient, name, cap],
          ['hit', sandboxClient, name, cap],
        ],
        labels: [`hit(${name}, ${cap})`, `hit(${name}, ${cap})`],
        setup: async () => {
          if (start > 0) await redis.set(key, start);
        },
        verify: async (results, steps) => {
          const held = await redis.get(key);
          const returned = results.map(outcome);
          const sorted = results.map((result) => result.returned).sort();
          expect.ok(
            JSON.stringify(sorted) === JSON.stringify([start + 1, start + 2].sort()) &&
              held === String(start + 2),
            `${key} held ${start === 0 ? 'nothing (0)' : `"${start}"`}, room for two hits below the cap of ${cap}: they must return ${start + 1} and ${start + 2}, leaving "${start + 2}"; they returned ${returned.join(' and ')}, and ${key} holds ${JSON.stringify(held)}.${
              execFailed(steps) ? lostRace : ''
            }`,
          );
        },
      });

      // Room for four, and three other app servers' hits landing among this one's commands: a
      // WATCH loop may lose three races in a row, and must still count.
      const busy = counterName(random);
      const busyKey = counterKey(busy);
      const busyCap = random.int(4, 20);
      await race({
        calls: [['hit', sandboxClient, busy, busyCap]],
        labels: [`hit(${busy}, ${busyCap})`],
        setup: async () => {
          if (busyCap > 4) await redis.set(busyKey, busyCap - 4);
        },
        interject: [
          ['EVAL', OTHER_HIT, '1', busyKey, String(busyCap)],
          ['EVAL', OTHER_HIT, '1', busyKey, String(busyCap)],
          ['EVAL', OTHER_HIT, '1', busyKey, String(busyCap)],
        ],
        verify: async ([result], steps) => {
          const held = await redis.get(busyKey);
          const others = otherHits(steps);
          const expected = [busyCap - 3, busyCap - 2, busyCap - 1, busyCap].map(String).sort();
          const sorted = [result.returned, ...others].map(String).sort();
          expect.ok(
            JSON.stringify(sorted) === JSON.stringify(expected) && held === String(busyCap),
            `${busyKey} held ${busyCap === 4 ? 'nothing (0)' : `"${busyCap - 4}"`}, room for four hits below the cap of ${busyCap}; while hit(redis, '${busy}', ${busyCap}) ran, three other app servers each hit the same counter ("grader" in the table): all four must count, leaving "${busyCap}"; hit returned ${outcome(result)}, the other hits ${others.map((other) => JSON.stringify(other)).join(' and ')}, and ${busyKey} holds ${JSON.stringify(held)}.${
              execFailed(steps) ? lostRace : ''
            }`,
          );
        },
      });
    },
  },
  {
    name: 'hit reads and changes no key but counter:<name>, and finds it by its name',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, decoys, snapshot, diff, executed }) {
      // A counter that has counted before and one that gets its first hit: each path may keep
      // its own books.
      const [name, fresh] = twoNames(random);
      const cap = random.int(5, 40);
      await seedCounter(redis, random, name, random.int(1, cap - 1));
      await decoys(name, 3, async (other) => {
        if (other !== fresh) await seedCounter(redis, random, other, random.int(1, cap + 5));
      });
      await redis.set(`counter:${random.word(8)}`, random.int(1, 9));

      const others: string[] = [];
      let seen = 0;
      for (const each of [name, fresh]) {
        const key = counterKey(each);
        const before = await snapshot();
        await call('hit', sandboxClient, each, cap);
        const changes = diff(before, await snapshot());
        const elsewhere = changes.outside([key]);
        expect.ok(
          elsewhere.length === 0,
          `hit(redis, '${each}', ${cap})${each === fresh ? `, the first hit on ${key},` : ''} may change ${key} only, but it also ${changes.describe(elsewhere)}`,
        );
        // Reads count too: a key the statement does not name (a cap of another source, an
        // index) is another key. A script's own commands are judged here; the keys it is given
        // in KEYS, by the next check.
        const ran = await executed();
        for (const command of ran.slice(seen)) {
          if (SCRIPT_RUNNERS.has(command.name) || SCRIPT_ADMIN.has(command.name)) continue;
          const foreign = command.keys.filter((other) => other !== key);
          if (foreign.length > 0) others.push(`${show(command)} names ${foreign.join(', ')}`);
        }
        seen = ran.length;
        expect.ok(
          others.length === 0,
          `hit(redis, '${each}', ${cap}) may read and write ${key} only, but Redis ran: ${others.join('; ')}. Count with ${key} and the cap you are given, and nothing else`,
        );
      }
      const searches = (await executed()).filter(
        ({ name: command }) => command === 'keys' || command === 'scan',
      );
      expect.ok(
        searches.length === 0,
        `hit knows its key, counter:<name>: read it by its name. KEYS and SCAN walk every key in Redis (and KEYS blocks every other client while it does); Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'a script or function gets counter:<name> in KEYS and the cap in ARGV',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, executed }) {
      const [name, full] = twoNames(random);
      const cap = random.int(2, 40);
      await seedCounter(redis, random, name, random.int(0, cap - 1));
      await seedCounter(redis, random, full, cap);

      // Both ways through: a hit that counts, and one that is refused.
      await call('hit', sandboxClient, name, cap);
      await call('hit', sandboxClient, full, cap);
      // Each script run: the keys it was given, and the keys its commands touched.
      const runs: { runner: ExecutedCommand; declared: string[]; touched: Set<string> }[] = [];
      const undeclared: string[] = [];
      for (const command of await executed()) {
        if (!command.script) {
          if (SCRIPT_RUNNERS.has(command.name)) {
            // EVAL script numkeys key… arg…, FCALL function numkeys key… arg…
            const declared = command.args.slice(2, 2 + Number(command.args[1]));
            runs.push({ runner: command, declared, touched: new Set() });
          }
          continue;
        }
        const run = runs.at(-1);
        for (const key of command.keys) {
          run?.touched.add(key);
          if (!run?.declared.includes(key)) {
            undeclared.push(
              `${show(command)} touched ${key}, but the script was given ${
                run && run.declared.length > 0
                  ? `only ${run.declared.join(', ')} in KEYS`
                  : 'no key in KEYS'
              }`,
            );
          }
        }
      }
      expect.ok(
        undeclared.length === 0,
        `build the key in TypeScript and pass it to the script as a key: ${undeclared.join('; ')}. A Cluster client sends a script to the server that holds its KEYS; a key the script makes for itself may live on another server`,
      );
      // A run that failed before its first command (NOSCRIPT, a library not loaded yet) is not
      // judged: it touched nothing, whatever it was given.
      const notKeys = runs
        .filter((run) => run.touched.size > 0)
        .flatMap((run) =>
          run.declared
            .filter((key) => !run.touched.has(key))
            .map(
              (key) =>
                `${show(run.runner)} passed "${key}" in KEYS, and its script used no such key`,
            ),
        );
      expect.ok(
        notKeys.length === 0,
        `KEYS is for the names of the keys a script reads or writes; values such as the cap go in ARGV: ${notKeys.join('; ')}. On a Cluster every name in KEYS must belong to the server that runs the script`,
      );
    },
  },
];

export default checks;
