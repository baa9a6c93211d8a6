import type Redis from 'ioredis';
import type { CheckList, LoggedCommand, Random } from '../../grader/checks/api.ts';

interface Exports {
  transfer(redis: Redis, from: string, to: string, amount: number): Promise<boolean>;
  bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void>;
}

const pointsKey = (user: string) => `points:${user}`;

/** `count` different user names. */
function userNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(random.word(random.int(4, 7)));
  return [...names];
}

/** The commands of each MULTI … EXEC block in the log, in order. */
function transactionsIn(commands: readonly LoggedCommand[]): LoggedCommand[][] {
  const blocks: LoggedCommand[][] = [];
  let open: LoggedCommand[] | undefined;
  for (const command of commands) {
    if (command.name === 'multi') open = [];
    else if (command.name === 'exec' || command.name === 'discard') {
      if (open && command.name === 'exec') blocks.push(open);
      open = undefined;
    } else open?.push(command);
  }
  return blocks;
}

function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => [command.name, ...command.args].join(' '));
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

const checks: CheckList<Exports> = [
  {
    name: 'transfer moves points from the sender to the receiver',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const balance = random.int(50, 500);
      const theirs = random.int(0, 200);
      const amount = random.int(1, balance - 1);
      await redis.mset(pointsKey(from), balance, pointsKey(to), theirs);

      const moved = await call('transfer', sandboxClient, from, to, amount);
      expect.equal(
        moved,
        true,
        `transfer(redis, '${from}', '${to}', ${amount}) with ${balance} points in ${pointsKey(from)} returned`,
      );
      expect.equal(await redis.type(pointsKey(from)), 'string', `TYPE ${pointsKey(from)}`);
      expect.equal(
        await redis.get(pointsKey(from)),
        String(balance - amount),
        `GET ${pointsKey(from)} (it held ${balance}; ${amount} were sent)`,
      );
      expect.equal(
        await redis.get(pointsKey(to)),
        String(theirs + amount),
        `GET ${pointsKey(to)} (it held ${theirs}; ${amount} were received)`,
      );
    },
  },
  {
    name: 'transfer can send every point the sender has, even to a user with no key yet',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const balance = random.int(10, 300);
      await redis.set(pointsKey(from), balance);

      const moved = await call('transfer', sandboxClient, from, to, balance);
      expect.equal(
        moved,
        true,
        `transfer(redis, '${from}', '${to}', ${balance}) with exactly ${balance} points in ${pointsKey(from)} returned`,
      );
      expect.equal(await redis.get(pointsKey(from)), '0', `GET ${pointsKey(from)}`);
      expect.equal(
        await redis.get(pointsKey(to)),
        String(balance),
        `GET ${pointsKey(to)} (the key did not exist before the transfer)`,
      );
    },
  },
  {
    name: 'transfer refuses, and changes nothing, when the sender has too few points',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', to = '', nobody = ''] = userNames(random, 3);
      const balance = random.int(1, 100);
      const theirs = random.int(0, 100);
      const amount = balance + random.int(1, 50);
      await redis.mset(pointsKey(from), balance, pointsKey(to), theirs);

      const moved = await call('transfer', sandboxClient, from, to, amount);
      expect.equal(
        moved,
        false,
        `transfer(redis, '${from}', '${to}', ${amount}) with only ${balance} points in ${pointsKey(from)} returned`,
      );
      expect.equal(
        await redis.get(pointsKey(from)),
        String(balance),
        `GET ${pointsKey(from)} after the refused transfer`,
      );
      expect.equal(
        await redis.get(pointsKey(to)),
        String(theirs),
        `GET ${pointsKey(to)} after the refused transfer`,
      );

      const small = random.int(1, 20);
      const fromNobody = await call('transfer', sandboxClient, nobody, to, small);
      expect.equal(
        fromNobody,
        false,
        `transfer(redis, '${nobody}', '${to}', ${small}) when ${pointsKey(nobody)} does not exist (0 points) returned`,
      );
      expect.equal(
        await redis.exists(pointsKey(nobody)),
        0,
        `EXISTS ${pointsKey(nobody)} (1 means the refused transfer created it)`,
      );
      expect.equal(
        await redis.get(pointsKey(to)),
        String(theirs),
        `GET ${pointsKey(to)} after the refused transfer from ${nobody}`,
      );
    },
  },
  {
    name: "transfer WATCHes the sender's key before reading the balance",
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const balance = random.int(20, 200);
      await redis.set(pointsKey(from), balance);

      await call('transfer', sandboxClient, from, to, random.int(1, balance));
      const sent = commands();
      const watched = sent.findIndex(
        (command) => command.name === 'watch' && command.args.includes(pointsKey(from)),
      );
      const touched = sent.findIndex(
        (command) => command.name !== 'watch' && command.args.includes(pointsKey(from)),
      );
      expect.ok(
        watched !== -1,
        `transfer never sent WATCH ${pointsKey(from)}; it sent: ${listed(sent)}. Without WATCH, another client can spend the points between your read and your write.`,
      );
      expect.ok(
        touched === -1 || watched < touched,
        `transfer sent WATCH ${pointsKey(from)} only after it had used the key; it sent: ${listed(sent)}. WATCH must come first, so that any change after your read is noticed.`,
      );
    },
  },
  {
    name: 'transfer makes its two changes inside one MULTI/EXEC transaction',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const balance = random.int(20, 200);
      await redis.set(pointsKey(from), balance);

      await call('transfer', sandboxClient, from, to, random.int(1, balance));
      const sent = commands();
      const touches = (block: LoggedCommand[], key: string) =>
        block.some((command) => command.args.includes(key));
      const blocks = transactionsIn(sent);
      expect.ok(
        blocks.length > 0,
        `transfer sent no MULTI … EXEC, so its two changes ran as separate commands; it sent: ${listed(sent)}. Queue the change of ${pointsKey(from)} and of ${pointsKey(to)} on redis.multi() and send them with .exec().`,
      );
      expect.ok(
        blocks.some((block) => touches(block, pointsKey(from)) && touches(block, pointsKey(to))),
        `transfer sent MULTI … EXEC, but no one transaction changes both ${pointsKey(from)} and ${pointsKey(to)}; it sent: ${listed(sent)}. Queue both changes on the same redis.multi().`,
      );
    },
  },
  {
    name: 'two transfers at the same time cannot overdraw the sender',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', first = '', second = ''] = userNames(random, 3);
      const amount = random.int(20, 100);
      const balance = amount + random.int(0, amount - 1); // enough for one transfer, not for two
      await redis.set(pointsKey(from), balance);

      const replies = await Promise.all([
        call('transfer', sandboxClient, from, first, amount),
        call('transfer', sandboxClient, from, second, amount),
      ]);
      const left = await redis.get(pointsKey(from));
      const received = [await redis.get(pointsKey(first)), await redis.get(pointsKey(second))];
      const succeeded = replies.filter((reply) => reply).length;
      expect.ok(
        succeeded === 1 && left === String(balance - amount),
        `${from} had ${balance} points; two transfers of ${amount} (to ${first} and to ${second}) ran at the same time and returned ${JSON.stringify(replies)}, where exactly one should succeed. Redis now holds ${pointsKey(from)} = ${left}, ${pointsKey(first)} = ${received[0]}, ${pointsKey(second)} = ${received[1]}.${succeeded === 2 ? ' Both transfers read the balance before either wrote it: WATCH the key before reading it, so that the second EXEC sees the change and aborts.' : ''}`,
      );
    },
  },
  {
    name: 'two transfers at the same time both succeed when there are points for both',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', first = '', second = ''] = userNames(random, 3);
      const amount = random.int(10, 100);
      const balance = 2 * amount + random.int(0, 100);
      await redis.set(pointsKey(from), balance);

      const replies = await Promise.all([
        call('transfer', sandboxClient, from, first, amount),
        call('transfer', sandboxClient, from, second, amount),
      ]);
      expect.equal(
        replies,
        [true, true],
        `${from} had ${balance} points, enough for two transfers of ${amount}; the two transfers returned (a transfer whose EXEC answered null must read the balance again and retry)`,
      );
      expect.equal(
        await redis.get(pointsKey(from)),
        String(balance - 2 * amount),
        `GET ${pointsKey(from)}`,
      );
    },
  },
  {
    name: "bulkLoad stores every user's points under points:<user>",
    async run({ call, sandboxClient, redis, expect, random }) {
      const names = userNames(random, random.int(15, 30));
      const scores = Object.fromEntries(names.map((name) => [name, random.int(0, 5000)]));
      // One user already has points: bulkLoad must replace them.
      const [existing = ''] = names;
      await redis.set(pointsKey(existing), (scores[existing] ?? 0) + 1);

      await call('bulkLoad', sandboxClient, scores);
      for (const name of names) {
        const key = pointsKey(name);
        const held =
          name === existing ? ` (it held ${(scores[name] ?? 0) + 1} before bulkLoad ran)` : '';
        expect.equal(await redis.type(key), 'string', `TYPE ${key}${held}`);
        expect.equal(await redis.get(key), String(scores[name]), `GET ${key}${held}`);
      }
      expect.equal(
        await redis.dbsize(),
        names.length,
        `DBSIZE (one key per user in scores, ${names.length} users)`,
      );
    },
  },
  {
    name: 'bulkLoad sends its writes together, not one round trip per user',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const names = userNames(random, random.int(20, 30));
      const scores = Object.fromEntries(names.map((name) => [name, random.int(0, 5000)]));

      await call('bulkLoad', sandboxClient, scores);
      // Commands queued on one pipeline() or multi() share a batch in the log; an MSET is one
      // command. Separate SETs, awaited in a loop or started together with Promise.all, have none.
      const writes = commands().filter(({ name }) => name !== 'multi' && name !== 'exec');
      const batches = new Set(writes.map(({ batch }) => batch));
      const together = writes.length === 1 || (batches.size === 1 && !batches.has(undefined));
      expect.ok(
        together,
        `your code sent ${writes.length} commands to store ${names.length} users, ${!batches.has(undefined) ? `in ${batches.size} batches` : batches.size === 1 ? 'each on its own' : 'some of them on their own'} (${listed(writes)}): queue every SET on one redis.pipeline() and call exec() once, or send a single MSET.`,
      );
      expect.equal(
        await redis.get(pointsKey(names[0] ?? '')),
        String(scores[names[0] ?? '']),
        `GET ${pointsKey(names[0] ?? '')}`,
      );
    },
  },
];

export default checks;
