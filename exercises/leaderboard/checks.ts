import type Redis from 'ioredis';
import type { CheckList, Random } from '../../grader/checks/api.ts';

interface Entry {
  player: string;
  score: number;
}

interface Exports {
  addScore(redis: Redis, board: string, player: string, points: number): Promise<number>;
  top(redis: Redis, board: string, n: number): Promise<Entry[]>;
  rank(redis: Redis, board: string, player: string): Promise<number | null>;
}

/** `count` players with different names and different scores, highest score first. */
function players(random: Random, count: number): Entry[] {
  const names = new Set<string>();
  const scores = new Set<number>();
  while (names.size < count) names.add(random.word(5));
  while (scores.size < count) scores.add(random.int(10, 990));
  const ordered = [...scores].sort((a, b) => b - a);
  return [...names].map((player, i) => ({ player, score: ordered[i] as number }));
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

/** The board as Redis holds it, highest first, for failure messages. */
async function held(redis: Redis, key: string): Promise<string> {
  const reply = await redis.zrange(key, 0, '-1', 'REV', 'WITHSCORES');
  const pairs: string[] = [];
  for (let i = 0; i < reply.length; i += 2) pairs.push(`${reply[i]} ${reply[i + 1]}`);
  return pairs.join(', ') || 'nothing';
}

const checks: CheckList<Exports> = [
  {
    name: "addScore adds the points to the player's score",
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const entries = players(random, 4);
      await seed(redis, key, entries, random);
      const { player, score } = random.pick(entries);
      const points = random.int(1, 50);

      await call('addScore', sandboxClient, board, player, points);
      expect.equal(await redis.type(key), 'zset', `TYPE ${key}`);
      expect.equal(
        Number(await redis.zscore(key, player)),
        score + points,
        `ZSCORE ${key} ${player} (${player} had ${score}, addScore added ${points})`,
      );
      expect.equal(await redis.zcard(key), entries.length, `ZCARD ${key} (no player added)`);
    },
  },
  {
    name: 'addScore puts a new player on the board with the points as the score',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const player = random.word(7);
      const points = random.int(1, 500);

      await call('addScore', sandboxClient, board, player, points);
      const type = await redis.type(key);
      expect.ok(
        type !== 'none',
        `after addScore('${board}', '${player}', ${points}) there is no key ${key} ` +
          `(Redis holds: ${(await redis.keys('*')).sort().join(', ') || 'no keys'})`,
      );
      expect.equal(type, 'zset', `TYPE ${key}`);
      expect.equal(await redis.zscore(key, player), String(points), `ZSCORE ${key} ${player}`);
    },
  },
  {
    name: 'addScore returns the new score as a number',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const entries = players(random, 3);
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
    },
  },
  {
    name: 'top returns the n highest scores, highest first',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const entries = players(random, random.int(6, 9));
      await seed(redis, key, entries, random);
      const n = random.int(3, 5);

      const returned = await call('top', sandboxClient, board, n);
      expect.equal(
        returned,
        entries.slice(0, n),
        `top('${board}', ${n}) (${key} holds, highest first: ${await held(redis, key)})`,
      );
    },
  },
  {
    name: 'top returns the whole board when it has fewer than n players',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const entries = players(random, random.int(2, 4));
      await seed(redis, key, entries, random);
      const n = random.int(5, 10);

      const returned = await call('top', sandboxClient, board, n);
      expect.equal(
        returned,
        entries,
        `top('${board}', ${n}) (${key} holds, highest first: ${await held(redis, key)})`,
      );
    },
  },
  {
    name: 'rank is 1 for the leader and counts down from there',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      const entries = players(random, random.int(5, 8));
      await seed(redis, key, entries, random);
      const position = random.int(1, entries.length - 1);
      const { player } = entries[position] as Entry;
      const leader = (entries[0] as Entry).player;
      const standings = await held(redis, key);

      expect.equal(
        await call('rank', sandboxClient, board, leader),
        1,
        `rank('${board}', '${leader}'), the leader (${key} holds, highest first: ${standings})`,
      );
      expect.equal(
        await call('rank', sandboxClient, board, player),
        position + 1,
        `rank('${board}', '${player}') (${key} holds, highest first: ${standings})`,
      );
    },
  },
  {
    name: 'rank returns null for a player who is not on the board',
    async run({ call, sandboxClient, redis, expect, random }) {
      const board = random.word(6);
      const key = `leaderboard:${board}`;
      await seed(redis, key, players(random, 3), random);
      const stranger = random.word(8);

      expect.equal(
        await call('rank', sandboxClient, board, stranger),
        null,
        `rank('${board}', '${stranger}') (${key} holds: ${await held(redis, key)})`,
      );
    },
  },
];

export default checks;
