import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  RaceStepView,
  Random,
  SnapshotDiff,
  StepCommand,
} from '../../grader/checks/api.ts';

interface Entry {
  player: string;
  score: number;
}

interface Exports {
  addScore(redis: Redis, board: string, player: string, points: number): Promise<number>;
  top(redis: Redis, board: string, n: number): Promise<Entry[]>;
  rank(redis: Redis, board: string, player: string): Promise<number | null>;
}

type Context = CheckContext<Exports>;

const boardKey = (board: string) => `leaderboard:${board}`;
const boardName = (random: Random) => random.word(6);
const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
/** A board name with a capital and a space: code that tidies the name reads another key. */
const spacedBoardName = (random: Random) => `${capitalised(random.word(6))} ${random.word(3)}`;

/** `count` different player names. */
function names(random: Random, count: number): string[] {
  const found = new Set<string>();
  while (found.size < count) found.add(random.word(random.int(4, 7)));
  return [...found];
}

/**
 * A score as a game may hold one: negative after penalties, sometimes with a fraction. Halves
 * and quarters only, which a double holds exactly, so that sums in JavaScript and in Redis agree.
 */
const someScore = (random: Random) => random.int(-50, 900) + random.pick([0, 0, 0.5, 0.25]);

/** `count` players with different names and different scores. */
function players(random: Random, count: number): Entry[] {
  const scores = new Set<number>();
  while (scores.size < count) scores.add(someScore(random));
  const ordered = [...scores];
  return names(random, count).map((player, i) => ({ player, score: ordered[i] as number }));
}

/** Players in groups that share a score, so that ties decide the order. */
function tiedPlayers(random: Random, groups: number): Entry[] {
  const scores = new Set<number>([0]);
  while (scores.size < groups) scores.add(someScore(random));
  const sizes = [...scores].map(() => random.int(2, 3));
  const all = names(
    random,
    sizes.reduce((sum, size) => sum + size, 0),
  );
  let next = 0;
  return [...scores].flatMap((score, group) =>
    Array.from({ length: sizes[group] as number }, () => ({
      player: all[next++] as string,
      score,
    })),
  );
}

/** Writes a board in random order, so that the insertion order gives nothing away. */
async function seed(redis: Redis, key: string, entries: Entry[], random: Random): Promise<void> {
  const shuffled = [...entries];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as Entry, shuffled[i] as Entry];
  }
  await redis.zadd(key, ...shuffled.flatMap(({ player, score }) => [score, player]));
}

/** The board as Redis orders it from the top, ties included: what `top` must follow. */
async function standings(redis: Redis, key: string): Promise<Entry[]> {
  const reply = await redis.zrange(key, 0, '-1', 'REV', 'WITHSCORES');
  const entries: Entry[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

const shown = (entries: Entry[]) =>
  entries.map(({ player, score }) => `${player} ${score}`).join(', ') || 'nothing';

/** The board as Redis holds it, highest first, for failure messages. */
async function held(redis: Redis, key: string): Promise<string> {
  return shown(await standings(redis, key));
}

/**
 * Seeds look-alike boards beside the learner's, holding some of the same players with other
 * scores, so that code which finds "the" board with KEYS or SCAN meets them.
 */
async function decoyBoards(
  { decoys, redis, random }: Context,
  board: string,
  regulars: string[],
): Promise<string[]> {
  return decoys(board, random.int(2, 3), async (id) => {
    const entries = players(random, 4).map((entry, i) => ({
      player: regulars[i] ?? entry.player,
      score: 1_000 + entry.score,
    }));
    await seed(redis, boardKey(id), entries, random);
  });
}

/** Fails, naming every change, when the diff touched a key other than those allowed. */
function onlyTouched(
  expect: Context['expect'],
  diff: SnapshotDiff,
  allowed: readonly string[],
  what: string,
) {
  const outside = diff.outside(allowed);
  expect.ok(
    outside.length === 0,
    `${what} may change only ${allowed.join(' and ') || 'nothing'}, but it ${diff.describe(outside)}`,
  );
}

/** Fails when the call left the board with an expiry: a board keeps its scores until deleted. */
function noExpiry(expect: Context['expect'], diff: SnapshotDiff, key: string, what: string) {
  const pttl = diff.changes.find((change) => change.key === key)?.after?.pttl ?? -1;
  expect.ok(
    pttl === -1,
    `${what} left ${key} with an expiry (PTTL ${pttl} ms): the board had none, and every score ` +
      `on it would vanish when it runs out. Add the points and set no TTL (no EXPIRE, no EX)`,
  );
}

/** Commands that answer with members of a sorted set (or of what it was copied into). */
const MEMBER_READS = new Set([
  'zrange',
  'zrevrange',
  'zrangebyscore',
  'zrevrangebyscore',
  'zrangebylex',
  'zrevrangebylex',
  'zscan',
  'zrandmember',
  'zunion',
  'zinter',
  'zdiff',
  'sort',
  'sort_ro',
]);

const flatten = (reply: unknown): unknown[] =>
  Array.isArray(reply) ? reply.flatMap(flatten) : [reply];

/**
 * Commands that write a sorted set made from another key, and where their destination is. A
 * read of that copy brings back the board's players as surely as a read of the board.
 */
const STORES: Record<string, (args: readonly string[]) => string | undefined> = {
  copy: (args) => (args.some((arg) => arg.toLowerCase() === 'db') ? undefined : args[1]),
  zunionstore: (args) => args[0],
  zinterstore: (args) => args[0],
  zdiffstore: (args) => args[0],
  zrangestore: (args) => args[0],
  sort: (args) => {
    const at = args.findIndex((arg) => arg.toLowerCase() === 'store');
    return at === -1 ? undefined : args[at + 1];
  },
};

/**
 * How many players of the board the learner's reads brought back: each read that answers with
 * members is asked again by the grader (the board has not changed since) and its reply counted.
 * Reads made inside a Lua script count too. A scratch copy the code made and deleted during the
 * call is made again first, as the code made it, so that a read of the copy counts as well.
 */
async function playersRead(
  redis: Redis,
  executed: readonly ExecutedCommand[],
  board: ReadonlySet<string>,
): Promise<{ count: number; reads: string[] }> {
  let count = 0;
  const reads: string[] = [];
  const made = new Set<string>();
  for (const command of executed) {
    const destination = STORES[command.name]?.(command.args);
    if (destination !== undefined) {
      // A key that outlived the call is left as it is: its reads are counted on what it holds.
      if (made.has(destination) || (await redis.exists(destination)) === 0) {
        made.add(destination);
        await redis.del(destination);
        await redis.call(command.name, ...command.args).catch(() => undefined);
      }
      continue;
    }
    if (!MEMBER_READS.has(command.name)) continue;
    if (command.args.some((arg) => arg.toLowerCase() === 'store')) continue;
    const reply = await redis.call(command.name, ...command.args);
    const members = flatten(reply).filter(
      (item) => typeof item === 'string' && board.has(item),
    ).length;
    count += members;
    reads.push(
      `${[command.name.toUpperCase(), ...command.args].join(' ')}${command.script ? ` (in a script)` : ''}: ${members} players`,
    );
  }
  if (made.size > 0) await redis.del(...made);
  return { count, reads };
}

const shownCommand = (command: StepCommand) =>
  [command.name.toUpperCase(), ...command.args].join(' ');

/**
 * Where one call of a race read the board and then, in a later step of its own, set a score
 * outright (ZADD without INCR or NX) with no WATCH of the board before the read: an addition
 * another client makes between the two is lost. Judged on every interleaving, the first too,
 * where the calls run one after the other: code careless only on a module's first call (or for
 * arguments it has not seen) shows nowhere else.
 */
function overwriteAfterRead(
  steps: readonly RaceStepView[],
  by: number,
  key: string,
): [read: StepCommand, overwrite: StepCommand] | undefined {
  let watched = false;
  let used: StepCommand | undefined;
  // The command to name: a plain read (ZSCORE) rather than a write whose reply was read.
  let read: StepCommand | undefined;
  for (const step of steps) {
    if (step.by !== by) continue;
    const overwrite = step.commands.find(
      (command) =>
        command.name === 'zadd' &&
        command.args[0] === key &&
        !command.args.some((arg) => ['incr', 'nx'].includes(arg.toLowerCase())),
    );
    if (overwrite !== undefined && used !== undefined && !watched) {
      return [read ?? used, overwrite];
    }
    for (const command of step.commands) {
      if (!command.args.includes(key)) continue;
      if (command.name === 'watch') watched ||= used === undefined;
      else {
        used ??= command;
        if (!command.write) read ??= command;
      }
    }
  }
  return undefined;
}

const checks: CheckList<Exports> = [
  {
    name: "addScore adds the points to the player's score",
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      // A board name with a capital and a space is its own key: Weekly is not weekly.
      const board = spacedBoardName(random);
      const key = boardKey(board);
      // More than a hundred players: code that trims the board to a top ten, or a top hundred,
      // loses the others.
      const entries = players(random, random.int(105, 120));
      await seed(redis, key, entries, random);
      const { player, score } = random.pick(entries);
      await decoyBoards(context, board, [player]);
      const points = random.int(1, 50);
      const before = await snapshot();

      await call('addScore', sandboxClient, board, player, points);
      expect.equal(await redis.type(key), 'zset', `TYPE ${key}`);
      const changes = diff(before, await snapshot());
      const what = `addScore('${board}', '${player}', ${points})`;
      onlyTouched(expect, changes, [key], what);
      noExpiry(expect, changes, key, what);
      const left = await redis.zcard(key);
      expect.ok(
        left >= entries.length,
        `${what} left ${left} of the ${entries.length} players of ${key}: a board keeps every ` +
          `player, not a top few. Add the points and delete no one (no ZREMRANGEBYRANK)`,
      );
      expect.equal(
        await redis.zscore(key, player),
        String(score + points),
        `ZSCORE ${key} ${player} (${player} had ${score}, addScore added ${points})`,
      );
      const byName = (a: Entry, b: Entry) => (a.player < b.player ? -1 : 1);
      expect.equal(
        (await standings(redis, key)).filter((entry) => entry.player !== player).sort(byName),
        entries.filter((entry) => entry.player !== player).sort(byName),
        `the other players of ${key} and their scores (only ${player}'s score may change)`,
      );
    },
  },
  {
    name: 'addScore puts a new player on the board, starting from 0',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      // Named like the statement's `weekly`: a period in the name is no reason for an expiry.
      const board = `${random.pick(['weekly', 'daily', 'monthly'])}-${random.word(4)}`;
      const key = boardKey(board);
      const [first = '', last = '', other = ''] = names(random, 3);
      // A name as people type theirs, capital, space, accent and a space at the end: it must be
      // kept as given.
      const player = `${capitalised(first)} ${last}é `;
      await decoyBoards(context, board, []);
      const points = random.int(1, 500);
      const before = await snapshot();

      await call('addScore', sandboxClient, board, player, points);
      const changes = diff(before, await snapshot());
      const what = `addScore('${board}', '${player}', ${points})`;
      onlyTouched(expect, changes, [key], what);
      noExpiry(expect, changes, key, what);
      const type = await redis.type(key);
      expect.ok(
        type !== 'none',
        `after addScore('${board}', '${player}', ${points}) there is no key ${key} ` +
          `(Redis holds: ${(await redis.keys('*')).sort().join(', ') || 'no keys'})`,
      );
      expect.equal(type, 'zset', `TYPE ${key}`);
      expect.equal(
        await redis.zrange(key, 0, '-1', 'WITHSCORES'),
        [player, String(points)],
        `ZRANGE ${key} 0 -1 WITHSCORES (the board did not exist before; the player's name is ` +
          `the member, exactly as given)`,
      );

      // No points still puts a newcomer on the board: a first game can score nothing.
      await call('addScore', sandboxClient, board, other, 0);
      expect.equal(
        await redis.zscore(key, other),
        '0',
        `ZSCORE ${key} ${other} after addScore('${board}', '${other}', 0): ${other} was not on ` +
          `the board and must now be, with 0 (ZINCRBY by 0 adds them)`,
      );
    },
  },
  {
    name: 'addScore returns the new score as a number',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      // Whole scores: a fraction lost on the way back is the next check's to name, every time.
      const entries = players(random, 3).map((entry) => ({
        ...entry,
        score: Math.trunc(entry.score),
      }));
      await seed(redis, key, entries, random);
      const { player, score } = random.pick(entries);
      const points = random.int(1, 50);

      const returned = await call('addScore', sandboxClient, board, player, points);
      expect.equal(
        returned,
        score + points,
        `addScore('${board}', '${player}', ${points}) when ${player} had ${score}` +
          ` (ZSCORE now answers ${await redis.zscore(key, player)})`,
      );

      // Another client changes the score in between: the answer must come from Redis again.
      const changed = score + random.int(100, 200);
      await redis.zadd(key, changed, player);
      const more = random.int(1, 50);
      const again = await call('addScore', sandboxClient, board, player, more);
      expect.equal(
        again,
        changed + more,
        `addScore('${board}', '${player}', ${more}) after another client set ${player}'s score to ${changed}` +
          ` (ZSCORE now answers ${await redis.zscore(key, player)})`,
      );

      // No points for a player already on the board: the answer is their score, unchanged.
      const same = await call('addScore', sandboxClient, board, player, 0);
      expect.equal(
        same,
        changed + more,
        `addScore('${board}', '${player}', 0) when ${player} had ${changed + more}: adding 0 ` +
          `changes nothing, and addScore still returns the score Redis holds` +
          ` (ZSCORE now answers ${await redis.zscore(key, player)})`,
      );
    },
  },
  {
    name: 'addScore takes negative and fractional points',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const board = boardName(random);
      const key = boardKey(board);
      const entries = players(random, 3);
      await seed(redis, key, entries, random);
      const { player, score } = random.pick(entries);

      // A penalty that takes the player below zero, then a bonus in odd 256ths (eight decimals),
      // which a double holds exactly but rounding the points or the score to fewer decimals
      // changes.
      const penalty = -(Math.abs(score) + random.int(1, 40) + 0.5);
      const bonus = random.int(0, 9) + (2 * random.int(0, 127) + 1) / 256;
      // Then a third of a point, which no double holds exactly: its 17 significant digits are
      // lost by any rounding, toFixed or toPrecision, of the points or of the score. Redis adds
      // in doubles as JavaScript does, so the sum is the same on both sides.
      const third = random.int(1, 9) + 1 / 3;
      let expected = score;
      for (const points of [penalty, bonus, third]) {
        expected += points;
        const before = await snapshot();
        const returned = await call('addScore', sandboxClient, board, player, points);
        // A penalty is a score like any other: it is not recorded anywhere else.
        onlyTouched(
          expect,
          diff(before, await snapshot()),
          [key],
          `addScore('${board}', '${player}', ${points})`,
        );
        // Redis writes a double with 17 significant digits: compare the numbers, not the text.
        const stored = await redis.zscore(key, player);
        expect.ok(
          stored !== null && Number(stored) === expected,
          `ZSCORE ${key} ${player} after addScore('${board}', '${player}', ${points}) (the score ` +
            `was ${expected - points}): expected ${expected}, got ${stored}. Send the points as ` +
            `they are, without rounding them (no toFixed, no toPrecision)`,
        );
        expect.equal(
          returned,
          expected,
          `addScore('${board}', '${player}', ${points}) returned (the score was ${expected - points}; ` +
            `ZSCORE answers ${stored}: return Number() of Redis's reply as it is, with no ` +
            `rounding, toFixed or toPrecision)`,
        );
      }
    },
  },
  {
    name: 'two addScores at the same time both count',
    async run({ race, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      const entries = players(random, 3);
      // A player new to the board in every grading: code that adds a newcomer another way
      // (ZSCORE, then ZADD) than a regular shows here, and read-then-write for anyone does too.
      const [player = ''] = names(random, 4).filter(
        (name) => !entries.some((entry) => entry.player === name),
      );
      const first = random.int(1, 40);
      const second = first + random.int(1, 40);
      const labels = [`addScore(${player}, +${first})`, `addScore(${player}, +${second})`] as const;
      await race({
        calls: [
          ['addScore', sandboxClient, board, player, first],
          ['addScore', sandboxClient, board, player, second],
        ],
        labels,
        setup: async () => {
          await redis.zadd(key, ...entries.flatMap((entry) => [entry.score, entry.player]));
        },
        verify: async ([one, other], steps) => {
          const total = first + second;
          const stored = await redis.zscore(key, player);
          const returned = [
            one.returned ?? `threw ${one.threw}`,
            other.returned ?? `threw ${other.threw}`,
          ];
          const fair =
            (returned[0] === first && returned[1] === total) ||
            (returned[0] === total && returned[1] === second);
          expect.ok(
            stored === String(total) && fair,
            `${player} was not on ${key} and two addScores of ${first} and ${second} ran at the ` +
              `same time: the score must end at ${total}, and the call that went second must ` +
              `return ${total}, the other its own new score; ZSCORE answers ${stored} and the ` +
              `calls returned ${returned.join(' and ')}. Reading the score and writing it back ` +
              `in two commands loses the other call's points: add in one command, which starts ` +
              `a newcomer at 0 too (ZINCRBY)`,
          );
          for (const [by, label] of labels.entries()) {
            const careless = overwriteAfterRead(steps, by, key);
            if (careless === undefined) continue;
            const [read, overwrite] = careless;
            expect.ok(
              false,
              `${label} sent ${shownCommand(read)}, then, in a command of its own, ` +
                `${shownCommand(overwrite)}: it set ${player}'s score outright, from what it had ` +
                `read. The totals came out right only because nothing wrote in between; points ` +
                `another addScore adds between those two commands are lost. Add in one command ` +
                `(ZINCRBY, or ZADD … INCR), or read and write in one script, or in a MULTI ` +
                `after a WATCH of ${key}`,
            );
          }
        },
      });
    },
  },
  {
    name: 'top returns the n highest scores, highest first',
    async run(context) {
      const { call, sandboxClient, redis, expect, random } = context;
      const board = spacedBoardName(random);
      const key = boardKey(board);
      // n above 25, so that a page size typed into the code shows.
      const n = random.int(26, 34);
      // Every score ends in sixty-fourths, exact in a double: a score rounded for display shows.
      const fine = random.pick([1, 3, 5, 7]) / 64;
      const entries = players(random, n + random.int(1, 4)).map((entry) => ({
        ...entry,
        score: entry.score + fine,
      }));
      // Near the top, names as players pick them: a capital, an accent and a space at each end
      // (code that tidies or decodes the names changes it), and two of digits only (code that
      // pairs names and scores through an object moves them to its front). One score holds a
      // third of a point, which any rounding of the scores (toFixed, toPrecision) changes.
      const [second, third, fourth, fifth] = [...entries]
        .sort((a, b) => b.score - a.score)
        .slice(1);
      const oddNames = [
        ` ${capitalised(random.word(5))}é `,
        String(random.int(100, 999)),
        String(random.int(1, 99)),
      ];
      [second, third, fifth].forEach((entry, i) => {
        if (entry) entry.player = oddNames[i] as string;
      });
      if (fourth) fourth.score = fourth.score - fine + 1 / 3;
      await seed(redis, key, entries, random);
      await decoyBoards(context, board, []);
      const order = await standings(redis, key);

      const returned = await call('top', sandboxClient, board, n);
      expect.equal(
        returned,
        order.slice(0, n),
        `top('${board}', ${n}) (${key} holds, highest first: ${shown(order)}). Each player and ` +
          `score comes back exactly as Redis holds it (${oddNames.map((name) => `'${name}'`).join(', ')} ` +
          `are names too; ${fourth?.score} is a score): in the order of the reply, with no ` +
          `trimming, decoding or rounding`,
      );

      // Another client lifts the first player left out above the leader: the same question must
      // get the new answer, not the one kept from the first call.
      const { player } = order[n] as Entry;
      const lifted = (order[0] as Entry).score + random.int(1, 50);
      await redis.zadd(key, lifted, player);
      const now = await standings(redis, key);
      expect.equal(
        await call('top', sandboxClient, board, n),
        now.slice(0, n),
        `top('${board}', ${n}) again, after another client set ${player}'s score to ${lifted} ` +
          `(${key} now holds, highest first: ${shown(now)}). Read the board from Redis on every ` +
          `call: an answer kept in the module goes stale`,
      );

      // Then the runner-up drops to last, the leader staying: the top below the leader changes.
      const { player: dropped } = now[1] as Entry;
      const sunk = (now[now.length - 1] as Entry).score - random.int(1, 50);
      await redis.zadd(key, sunk, dropped);
      const later = await standings(redis, key);
      expect.equal(
        await call('top', sandboxClient, board, n),
        later.slice(0, n),
        `top('${board}', ${n}) a third time, after another client set the runner-up ${dropped}'s ` +
          `score to ${sunk}, the lowest (${key} now holds, highest first: ${shown(later)}). ` +
          `The leader did not change, yet the top did: read the top n from Redis on every call`,
      );
    },
  },
  {
    name: 'top orders tied players as ZRANGE … REV does, and stops at exactly n',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      await seed(redis, key, tiedPlayers(random, 4), random);
      const order = await standings(redis, key);
      // Cut the board inside a group of tied players: who is left out is decided by the tie.
      // Two tied players must also come before the cut, or their order would go untested.
      const tiedWithPrevious = (i: number) => i > 0 && order[i]?.score === order[i - 1]?.score;
      const cuts = order
        .map((_, i) => i)
        .filter(
          (i) => tiedWithPrevious(i) && order.slice(0, i).some((_, j) => tiedWithPrevious(j)),
        );
      const n = random.pick(cuts);

      const returned = await call('top', sandboxClient, board, n);
      expect.equal(
        returned,
        order.slice(0, n),
        `top('${board}', ${n}) (${key} holds, highest first, as ZRANGE ${key} 0 -1 REV ` +
          `WITHSCORES orders them: ${shown(order)}; players with equal scores come in that order)`,
      );
    },
  },
  {
    name: 'top returns the whole board when it has n players or fewer',
    async run(context) {
      const { call, sandboxClient, redis, expect, random } = context;
      const board = boardName(random);
      const key = boardKey(board);
      const entries = players(random, random.int(2, 5));
      await seed(redis, key, entries, random);
      await decoyBoards(context, board, []);
      const n = entries.length + random.pick([0, 0, 1, random.int(2, 10)]);
      const expected = await standings(redis, key);

      expect.equal(
        await call('top', sandboxClient, board, n),
        expected,
        `top('${board}', ${n}) (${key} holds ${entries.length} players, highest first: ${shown(expected)})`,
      );
      const missing = random.id(board);
      expect.equal(
        await call('top', sandboxClient, missing, n),
        [],
        `top('${missing}', ${n}) (there is no key ${boardKey(missing)}; other boards are not its business)`,
      );
    },
  },
  {
    name: 'top returns an empty list for n = 0',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      await seed(redis, key, players(random, random.int(3, 6)), random);

      const returned = await call('top', sandboxClient, board, 0);
      expect.equal(
        returned,
        [],
        `top('${board}', 0) (${key} holds ${await held(redis, key)}). Careful: ZRANGE's stop ` +
          `n - 1 is then -1, which means "to the end" and reads the whole board`,
      );
    },
  },
  {
    name: 'top reads only the top of the board, and changes nothing',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed, snapshot, diff }) {
      // A big board and a small one: cutting the board in JavaScript is as wrong on a small one.
      const asked: {
        board: string;
        key: string;
        size: number;
        n: number;
        everyone: Set<string>;
      }[] = [];
      for (const size of [random.int(30, 40), random.int(6, 10)]) {
        const board = boardName(random);
        const entries = players(random, size);
        await seed(redis, boardKey(board), entries, random);
        const everyone = new Set(entries.map((entry) => entry.player));
        asked.push({ board, key: boardKey(board), size, n: random.int(2, 4), everyone });
      }
      const before = await snapshot();

      for (const { board, key, n } of asked) {
        const returned = await call('top', sandboxClient, board, n);
        expect.equal(returned, (await standings(redis, key)).slice(0, n), `top('${board}', ${n})`);
      }
      const what = asked.map(({ board, n }) => `top('${board}', ${n})`).join(' and ');
      onlyTouched(expect, diff(before, await snapshot()), [], what);
      const log = await executed();
      for (const { board, key, size, n, everyone } of asked) {
        const { count, reads } = await playersRead(
          redis,
          // A read of the other board is that board's; one of a copy counts for both.
          log.filter((command) =>
            asked.every((other) => other.key === key || !command.keys.includes(other.key)),
          ),
          everyone,
        );
        expect.ok(
          count <= n,
          `top('${board}', ${n}) read ${count} of the ${size} players of ${key} to return ` +
            `${n}: ${reads.join('; ')}. Ask Redis for the top ${n} only (a range from 0 to ${n - 1}, ` +
            `or LIMIT 0 ${n}), instead of reading the board and cutting it in JavaScript`,
        );
      }
    },
  },
  {
    name: 'rank is 1 for the leader and counts down from there',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const board = spacedBoardName(random);
      const key = boardKey(board);
      const entries = players(random, random.int(6, 9)).sort((a, b) => b.score - a.score);
      const position = random.int(1, entries.length - 1);
      // The player asked about is Ada, and ada, another player, stands elsewhere on the board.
      const twin = random.pick(entries.map((_, i) => i).filter((i) => i !== 0 && i !== position));
      (entries[position] as Entry).player = capitalised((entries[twin] as Entry).player);
      // The leader's name ends in a space, kept as given: trimmed, it names nobody.
      (entries[0] as Entry).player = `${(entries[0] as Entry).player} `;
      await seed(redis, key, entries, random);
      const order = await standings(redis, key);
      const { player } = order[position] as Entry;
      const leader = (order[0] as Entry).player;
      // On the look-alike boards these two stand elsewhere.
      await decoyBoards(context, board, [player, leader].reverse());
      const before = await snapshot();

      expect.equal(
        await call('rank', sandboxClient, board, leader),
        1,
        `rank('${board}', '${leader}'), the leader (${key} holds, highest first: ${shown(order)})`,
      );
      expect.equal(
        await call('rank', sandboxClient, board, player),
        position + 1,
        `rank('${board}', '${player}') (${key} holds, highest first: ${shown(order)})`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [], `rank('${board}', …)`);

      // Another client lifts the player above the leader: their rank must follow at once.
      const lifted = (order[0] as Entry).score + random.int(1, 50);
      await redis.zadd(key, lifted, player);
      expect.equal(
        await call('rank', sandboxClient, board, player),
        1,
        `rank('${board}', '${player}') again, after another client set ${player}'s score to ` +
          `${lifted}, above the leader ${leader} (${key} now holds, highest first: ` +
          `${await held(redis, key)}). Ask Redis on every call: a rank kept from an earlier ` +
          `call goes stale`,
      );
      // The old leader's own score did not change, yet their rank did.
      expect.equal(
        await call('rank', sandboxClient, board, leader),
        2,
        `rank('${board}', '${leader}') again, after ${player} overtook ${leader}, whose score ` +
          `did not change (${key} now holds, highest first: ${await held(redis, key)}). Ask ` +
          `Redis on every call: a rank kept while the player's own score stays the same goes ` +
          `stale when someone else passes them`,
      );
      // Someone from below passes the old leader, while the leader and the old leader's score
      // stay as they were.
      const { player: climber } = order[twin] as Entry;
      const between = ((order[0] as Entry).score + lifted) / 2;
      await redis.zadd(key, between, climber);
      expect.equal(
        await call('rank', sandboxClient, board, leader),
        3,
        `rank('${board}', '${leader}') a third time, after another client set ${climber}'s ` +
          `score to ${between}, passing ${leader} from below (${key} now holds, highest first: ` +
          `${await held(redis, key)}). Neither ${leader}'s score nor the leader changed, yet ` +
          `${leader}'s rank did: ask Redis for the position on every call`,
      );
    },
  },
  {
    name: 'tied players get ranks of their own, in the order top lists them',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      await seed(redis, key, tiedPlayers(random, 3), random);
      const order = await standings(redis, key);

      const ranks: (number | null)[] = [];
      for (const { player } of order) ranks.push(await call('rank', sandboxClient, board, player));
      expect.equal(
        ranks,
        order.map((_, i) => i + 1),
        `rank('${board}', …) of ${order.map(({ player }) => player).join(', ')} in turn ` +
          `(${key} holds, highest first, as ZRANGE … REV orders tied players: ${shown(order)})`,
      );
    },
  },
  {
    name: 'rank returns null for a player who is not on the board',
    async run(context) {
      const { call, sandboxClient, redis, expect, random } = context;
      const board = boardName(random);
      const key = boardKey(board);
      const entries = players(random, 3);
      await seed(redis, key, entries, random);
      const stranger = random.id((entries[0] as Entry).player);
      // The stranger plays on other boards: a search through every board would find them there.
      await decoyBoards(context, board, [stranger]);

      expect.equal(
        await call('rank', sandboxClient, board, stranger),
        null,
        `rank('${board}', '${stranger}') (${key} holds: ${await held(redis, key)})`,
      );
      const missing = random.id(board);
      expect.equal(
        await call('rank', sandboxClient, missing, stranger),
        null,
        `rank('${missing}', '${stranger}') (there is no key ${boardKey(missing)})`,
      );
    },
  },
  {
    name: 'rank asks Redis for the position instead of reading the board',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      // A big board and a small one: reading the board is as wrong on a small board.
      const asked: { board: string; player: string; position: number }[] = [];
      const everyone = new Set<string>();
      for (const size of [random.int(30, 40), random.int(5, 8)]) {
        const board = boardName(random);
        const entries = players(random, size);
        await seed(redis, boardKey(board), entries, random);
        const order = await standings(redis, boardKey(board));
        const position = random.int(size > 10 ? 10 : 1, size - 1);
        asked.push({ board, player: (order[position] as Entry).player, position });
        for (const { player } of entries) everyone.add(player);
      }

      for (const { board, player, position } of asked) {
        expect.equal(
          await call('rank', sandboxClient, board, player),
          position + 1,
          `rank('${board}', '${player}')`,
        );
      }
      const { count, reads } = await playersRead(redis, await executed(), everyone);
      expect.ok(
        count <= asked.length,
        `${asked.map(({ board, player }) => `rank('${board}', '${player}')`).join(' and ')} read ` +
          `${count} players of boards of ${asked.map(({ board }) => boardKey(board)).join(' and ')}: ` +
          `${reads.join('; ')}. Redis knows every member's position, on a board of any size: ask ` +
          `it with one command instead of reading the board and searching it in JavaScript`,
      );
    },
  },
  {
    name: 'rank answers one position while an addScore changes the board',
    async run({ race, sandboxClient, redis, expect, random }) {
      const board = boardName(random);
      const key = boardKey(board);
      const [newcomer = '', ...regulars] = names(random, 7);
      const entries = players(random, random.int(4, 6)).map((entry, i) => ({
        ...entry,
        player: regulars[i] as string,
      }));
      const order = [...entries].sort((a, b) => b.score - a.score);
      const position = random.int(1, order.length - 1);
      const { player, score } = order[position] as Entry;
      const below = (order[order.length - 1] as Entry).score - random.int(1, 40);
      const climb = (order[0] as Entry).score - score + random.int(1, 40);
      // What two addScores send, placed by the grader among rank's commands. The newcomer enters
      // below everyone, which leaves the player's rank as it was: a rank made of two reads (ZCARD,
      // then ZRANK) that straddle it comes out wrong. Then the player climbs to first: a rank
      // made of their score, then the count above it, counts the player above their old score.
      const answers = [position + 1, 1];
      await race({
        calls: [['rank', sandboxClient, board, player]],
        labels: [`rank(${player})`],
        interject: [
          ['ZINCRBY', key, String(below), newcomer],
          ['ZINCRBY', key, String(climb), player],
        ],
        setup: async () => {
          await redis.zadd(key, ...entries.flatMap((entry) => [entry.score, entry.player]));
        },
        verify: async ([ranked]) => {
          expect.ok(
            answers.includes(ranked.returned as number),
            `${player} stood ${position + 1} of ${entries.length} (${shown(order)}); while ` +
              `rank('${board}', '${player}') ran, ${newcomer} entered below everyone with ` +
              `${below}, then ${player} took ${climb} more points, to first place. rank must ` +
              `answer a position ${player} held, ${answers.join(' or ')}, and it ` +
              `${ranked.threw === undefined ? `returned ${ranked.returned}` : `threw ${ranked.threw}`}. ` +
              `Separate reads (a size or a score, then a position or a count) can straddle an ` +
              `addScore: ask Redis once (ZREVRANK), or read them all in one MULTI or script`,
          );
        },
      });
    },
  },
];

export default checks;
