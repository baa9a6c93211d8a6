import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  LoggedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  transfer(redis: Redis, from: string, to: string, amount: number): Promise<boolean>;
  bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void>;
}

type Context = CheckContext<Exports>;

const pointsKey = (user: string) => `points:${user}`;
const capitalise = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/** `count` different user names, of different lengths, so that none can be told apart by shape. */
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

/** An argument as a log line shows it: on one line, a long one (a Lua script) cut short. */
const shortArg = (arg: string) => {
  const line = arg.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

function listed(commands: readonly LoggedCommand[], max = 12): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands
    .slice(0, max)
    .map((command) => [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' '));
  return commands.length > max
    ? `${shown.join(', ')}, … (${commands.length} in all)`
    : shown.join(', ');
}

const outcome = (result: RaceOutcome<boolean>) =>
  result.threw === undefined ? String(result.returned) : `threw "${result.threw}"`;

/** Decoy users' points, shaped like `like`: a transfer must leave them alone. */
async function seedOtherUsers({ decoys, redis, random }: Context, like: string): Promise<string[]> {
  const ids = await decoys(like, 3, (id) => redis.set(pointsKey(id), random.int(1, 500)));
  return ids.map(pointsKey);
}

/** Why a solution that is safe without WATCH still fails: the exercise practises WATCH. */
function notWatchMessage(sent: readonly LoggedCommand[], fromKey: string): string {
  const scripted = sent.some(({ name }) => ['eval', 'evalsha', 'eval_ro', 'fcall'].includes(name));
  const why = scripted
    ? ' A Lua script is safe too, as the lesson says, but this exercise is about WATCH: ' +
      'transfer must read the balance itself, with WATCH, and decide in TypeScript.'
    : ' Without WATCH, another client can spend the points between your read and your write.';
  const others = sent.filter(({ name }) => name === 'watch').flatMap(({ args }) => args);
  if (others.length > 0) {
    return `transfer never sent WATCH ${fromKey}: it WATCHed ${others.join(', ')} instead (it sent: ${listed(sent)}). The key is points:<from> with the user name exactly as given, capitals and spaces kept, the same key you read and change.`;
  }
  return `transfer never sent WATCH ${fromKey}; it sent: ${listed(sent)}.${why}`;
}

/**
 * The WATCHes each call left in force when it returned, read from the race's steps: a connection
 * closes after the race, so Redis can no longer show them. Any of these ends a client's WATCH.
 */
function watchesLeft(steps: readonly RaceStepView[], calls: number): string[][] {
  const left: Map<number | undefined, string[]>[] = Array.from({ length: calls }, () => new Map());
  for (const { by, commands } of steps) {
    if (by === 'grader') continue;
    for (const command of commands) {
      if (command.name === 'watch') {
        const clients = left[by];
        clients?.set(command.client, [...(clients.get(command.client) ?? []), ...command.args]);
      } else if (['unwatch', 'exec', 'discard', 'quit', 'reset'].includes(command.name)) {
        left[by]?.delete(command.client);
      }
    }
  }
  return left.map((clients) => [...clients.values()].flat());
}

/**
 * Races transfers from one sender that has `balance` points, each `amount`, to different
 * receivers, and expects exactly `succeed` of them to go through.
 */
async function transfersAtOnce(
  context: Context,
  count: number,
  amount: number,
  balance: number,
): Promise<void> {
  const { race, sandboxClient, redis, expect, random } = context;
  const [from = '', ...receivers] = userNames(random, count + 1);
  const fromKey = pointsKey(from);
  const succeed = Math.min(count, Math.floor(balance / amount));
  await race({
    // Three racers have thousands of interleavings: the first ones tried in order already hold
    // the double spend of a WATCH outside the loop; more would only slow every grading.
    maxInterleavings: count > 2 ? 32 : 64,
    calls: receivers.map((to) => ['transfer', sandboxClient, from, to, amount] as const),
    labels: receivers.map((to) => `transfer(${from}→${to}, ${amount})`),
    setup: async () => {
      await redis.set(fromKey, balance);
    },
    verify: async (results, steps) => {
      const left = await redis.get(fromKey);
      const received = await redis.mget(receivers.map(pointsKey));
      const returned = results.map(outcome);
      const state = [
        `${fromKey} = ${left}`,
        ...receivers.map((to, index) => `${pointsKey(to)} = ${received[index]}`),
      ].join(', ');
      const enough =
        succeed === count
          ? `enough for all ${count} transfers of ${amount}, so every one must return true`
          : `enough for ${succeed} of the ${count} transfers of ${amount}, so exactly ${succeed} must return true`;
      const moved = received.filter((value) => value === String(amount)).length;
      const wins = results.filter((result) => result.returned === true).length;
      expect.ok(
        wins === succeed &&
          left === String(balance - succeed * amount) &&
          moved === succeed &&
          received.every((value, index) =>
            results[index]?.returned === true ? value === String(amount) : value === null,
          ),
        `${from} had ${balance} points, ${enough}; the transfers returned ${returned.join(', ')}, ` +
          `and Redis holds ${state}.${
            wins > succeed
              ? ' A transfer went through on a balance that had already changed: WATCH the key before every read of it, in every attempt (EXEC ends the WATCH), and check what exec() answers.'
              : wins < succeed
                ? ' A transfer whose EXEC answered null must go back to the WATCH, read the balance again and try again.'
                : ''
          }`,
      );
      // A transfer that lost its EXEC and then found the points spent refuses on a retry: the
      // UNWATCH is owed there too, or the next transaction on that client aborts for nothing.
      const watching = watchesLeft(steps, count);
      const stuck = watching.findIndex((keys) => keys.length > 0);
      expect.ok(
        stuck === -1,
        `transfer(${from}→${receivers[stuck]}, ${amount}) ${results[stuck]?.threw === undefined ? 'returned ' : ''}${returned[stuck]} with WATCH ${[...new Set(watching[stuck])].join(' ')} still in force on its connection (no UNWATCH, EXEC or DISCARD after its last WATCH): the next transaction sent on that client would abort when ${fromKey} changes. Send UNWATCH before every return false, on a retry as on the first attempt.`,
      );
    },
  });
}

const checks: CheckList<Exports> = [
  // First in the list, so that its call is the module's first transfer of the grading: code
  // careless on a first call only ("nothing else runs yet") meets the same rule as later calls,
  // which no race can show (a race's first interleaving runs the calls one after another).
  {
    name: "transfer WATCHes the sender's key before reading the balance",
    logExecuted: true,
    async run({ call, sandboxClient, redis, commands, executed, expect, random }) {
      // A sender whose name has a capital and a space: the key WATCHed is points:<from>, the
      // name exactly as given, the same key the transfer reads and changes.
      const [first = '', last = '', to = ''] = userNames(random, 3);
      const from = `${capitalise(first)} ${last}`;
      const balance = random.int(20, 200);
      await redis.set(pointsKey(from), balance);

      await call('transfer', sandboxClient, from, to, random.int(1, balance));
      const sent = commands();
      const fromKey = pointsKey(from);
      const watched = sent.findIndex(
        (command) => command.name === 'watch' && command.args.includes(fromKey),
      );
      const touched = sent.findIndex(
        (command) => command.name !== 'watch' && command.args.includes(fromKey),
      );
      expect.ok(watched !== -1, notWatchMessage(sent, fromKey));
      expect.ok(
        touched === -1 || watched < touched,
        `transfer sent WATCH ${fromKey} only after it had used the key; it sent: ${listed(sent)}. WATCH must come first, so that any change after your read is noticed.`,
      );
      // The decision belongs to transfer: a script queued in the MULTI that reads and decides
      // makes the WATCH useless.
      let inTransaction = false;
      const readsBefore = sent.slice(watched + 1).filter((command) => {
        if (command.name === 'multi') inTransaction = true;
        else if (command.name === 'exec' || command.name === 'discard') inTransaction = false;
        return !inTransaction && command.name !== 'watch' && command.args.includes(fromKey);
      });
      expect.ok(
        readsBefore.length > 0,
        `transfer never read ${fromKey} between its WATCH and its MULTI; it sent: ${listed(sent)}. ` +
          'A Lua script is safe too, as the lesson says, but this exercise is about WATCH: read the balance with GET after the WATCH, decide in TypeScript, and queue only the two changes in the MULTI.',
      );
      // A read sent for show before the MULTI does not make the decision: a script in the
      // transaction that reads the balance again does, whatever the TypeScript did with its GET.
      inTransaction = false;
      const scriptReads = (await executed()).filter((command) => {
        if (command.script === undefined && command.name === 'multi') inTransaction = true;
        else if (command.script === undefined && ['exec', 'discard'].includes(command.name))
          inTransaction = false;
        return (
          inTransaction &&
          command.script !== undefined &&
          !command.write &&
          command.keys.includes(fromKey)
        );
      });
      expect.ok(
        scriptReads.length === 0,
        `a script queued in transfer's MULTI read ${fromKey} (${listed(scriptReads, 4)}), so the script decides, not your code; it sent: ${listed(sent)}. ` +
          'A Lua script is safe too, as the lesson says, but this exercise is about WATCH: decide in TypeScript on the balance you read after the WATCH, and queue only the two changes in the MULTI.',
      );
    },
  },
  {
    name: 'transfer moves points from the sender to the receiver',
    async run({ call, sandboxClient, redis, expect, random }) {
      // User names as people write them: capitals, a space inside, spaces at the ends. The key is
      // points:<user> with the name exactly as given.
      const [first = '', last = '', other = ''] = userNames(random, 3);
      const from = `${capitalise(first)} ${capitalise(last)}`;
      const to = ` ${capitalise(other)} `;
      // "1xx" sorts before "20".."99": code that compares strings instead of numbers refuses.
      const balance = random.int(100, 199);
      const theirs = random.int(0, 200);
      const amount = random.int(20, 99);
      await redis.mset(pointsKey(from), balance, pointsKey(to), theirs);

      const moved = await call('transfer', sandboxClient, from, to, amount);
      expect.equal(
        moved,
        true,
        `transfer(redis, '${from}', '${to}', ${amount}) with ${balance} points in "${pointsKey(from)}" (the key holds the name exactly as given, capitals and spaces kept) returned`,
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
        `GET "${pointsKey(to)}" (it held ${theirs}; ${amount} were received; the key holds the name exactly as given, the spaces at its ends included)`,
      );
    },
  },
  {
    name: "transfer changes only the sender's and the receiver's points",
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      // One receiver has points, the other none yet: code may treat a new player differently.
      const [from = '', to = '', newcomer = ''] = userNames(random, 3);
      const balance = random.int(50, 500);
      await redis.mset(pointsKey(from), balance, pointsKey(to), random.int(0, 200));
      await seedOtherUsers(context, from);
      await redis.hset(`player:${from}`, 'name', from, 'level', random.int(1, 9));

      const allowed = [pointsKey(from), pointsKey(to), pointsKey(newcomer)];
      const before = await snapshot();
      await call('transfer', sandboxClient, from, to, random.int(1, Math.floor(balance / 2)));
      await call('transfer', sandboxClient, from, newcomer, random.int(1, Math.floor(balance / 2)));
      const changes = diff(before, await snapshot());
      const others = changes.outside(allowed);
      expect.ok(
        others.length === 0,
        `transfers from ${from} to ${to} (who had points) and to ${newcomer} (who had no key yet) may change ${allowed.join(', ')} only; they also ${changes.describe(others)}`,
      );
      for (const key of allowed) {
        const ttl = await redis.pttl(key);
        expect.ok(
          ttl === -1,
          `points never expire, but transfer left ${key} with a TTL of ${ttl} ms`,
        );
      }
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
        `GET ${pointsKey(to)} (it did not exist before)`,
      );
    },
  },
  {
    name: 'transfer refuses, and changes nothing, when the sender has too few points',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff, executed }) {
      // The second refusal goes to a user with no key: code that makes sure the receiver's key
      // exists before it looks at the balance creates one.
      const [from = '', to = '', newcomer = ''] = userNames(random, 3);
      const nobody = random.id(from);
      const balance = random.int(5, 100);
      const theirs = random.int(0, 100);
      await redis.mset(pointsKey(from), balance, pointsKey(to), theirs);
      const before = await snapshot();

      const tooMuch = balance + random.int(1, 50);
      const refused = await call('transfer', sandboxClient, from, to, tooMuch);
      expect.equal(
        refused,
        false,
        `transfer(redis, '${from}', '${to}', ${tooMuch}) with only ${balance} points in ${pointsKey(from)} returned`,
      );
      const small = random.int(1, 20);
      const fromNobody = await call('transfer', sandboxClient, nobody, newcomer, small);
      expect.equal(
        fromNobody,
        false,
        `transfer(redis, '${nobody}', '${newcomer}', ${small}) when ${pointsKey(nobody)} does not exist (0 points) returned`,
      );

      const refusals = diff(before, await snapshot());
      expect.ok(
        refusals.changes.length === 0,
        `two refused transfers (the second to ${newcomer}, who has no key) must change nothing and create no key, yet they ${refusals.describe(refusals.changes)}. Look at the balance first, and write nothing when you refuse.`,
      );
      // Writing and then undoing leaves the same values, but other clients saw the points move.
      const writes = (await executed())
        .filter((command) => command.write && command.keys.length > 0)
        .map((command) => [command.name, ...command.args].join(' '));
      expect.ok(
        writes.length === 0,
        `a refused transfer must write nothing, not even a change it undoes afterwards, since other clients can see it in between; Redis ran: ${writes.join(', ')}`,
      );
    },
  },
  {
    name: 'a refused transfer leaves no WATCH behind on its connection',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const nobody = random.id(from);
      const balance = random.int(5, 100);
      await redis.set(pointsKey(from), balance);

      // Both refusals, each followed by a change of the key it watched: code may leave the WATCH
      // behind on one path only (too few points, or no key at all).
      const tooMuch = balance + random.int(1, 50);
      const small = random.int(1, 20);
      const refusals = [
        {
          args: [from, to, tooMuch] as const,
          why: `${pointsKey(from)} holds ${balance}`,
          touch: () => redis.set(pointsKey(from), balance),
        },
        {
          args: [nobody, to, small] as const,
          why: `${pointsKey(nobody)} does not exist`,
          touch: () => redis.set(pointsKey(nobody), small),
        },
      ];
      for (const { args, why, touch } of refusals) {
        await call('transfer', sandboxClient, ...args);
        // A connection still watching the key is flagged `d` ("EXEC will fail") once the key is
        // touched: the next transaction sent on that client would abort for no reason of its own.
        await touch();
        const clients = String(await redis.client('LIST'))
          .split('\n')
          .filter((line) => / user=learner /.test(line));
        const watching = clients.filter((line) => /\bflags=\S*d/.test(line));
        const [sender, receiver, amount] = args;
        expect.ok(
          watching.length === 0,
          `transfer(redis, '${sender}', '${receiver}', ${amount}) refused (${why}) and returned with WATCH ${pointsKey(sender)} still in force on its connection: the next transaction on that client would abort when ${pointsKey(sender)} changes. Send UNWATCH before every return false.`,
        );
      }
    },
  },
  {
    name: 'transfer decides on the balance Redis holds now, not on one it remembers',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const fromKey = pointsKey(from);
      const balance = random.int(5, 100);
      await redis.set(fromKey, balance);
      const tooMuch = balance + random.int(1, 50);
      expect.equal(
        await call('transfer', sandboxClient, from, to, tooMuch),
        false,
        `transfer(redis, '${from}', '${to}', ${tooMuch}) with ${balance} points in ${fromKey} returned`,
      );

      // Other servers change the balance between this process's transfers: each one must read it.
      const topped = tooMuch + random.int(20, 100);
      await redis.set(fromKey, topped);
      expect.equal(
        await call('transfer', sandboxClient, from, to, tooMuch),
        true,
        `transfer(redis, '${from}', '${to}', ${tooMuch}) was refused once, then ${fromKey} was set to ${topped} by another client; transfer must read the balance again, not remember the refusal. It returned`,
      );
      const left = topped - tooMuch;
      const spent = random.int(0, left - 1);
      await redis.set(fromKey, spent);
      const moved = await call('transfer', sandboxClient, from, to, left);
      const held = await redis.get(fromKey);
      expect.ok(
        moved === false && held === String(spent),
        `after a transfer left ${left} points in ${fromKey}, another client set it to ${spent}; transfer(redis, '${from}', '${to}', ${left}) then returned ${moved} and Redis holds ${fromKey} = ${held}. Read the balance from Redis under WATCH in every transfer, not from what an earlier one left.`,
      );
    },
  },
  {
    name: "transfer reads the sender's key by its name, without searching the keys",
    async run(context) {
      const { call, sandboxClient, redis, commands, expect, random } = context;
      const [from = '', to = ''] = userNames(random, 2);
      const balance = random.int(20, 200);
      await redis.set(pointsKey(from), balance);
      await seedOtherUsers(context, from);

      await call('transfer', sandboxClient, from, to, random.int(1, balance));
      const sent = commands();
      const searches = sent.filter(({ name }) => name === 'keys' || name === 'scan');
      expect.ok(
        searches.length === 0,
        `transfer sent ${listed(searches)}: KEYS and SCAN walk every key of the database, where GET ${pointsKey(from)} reads the one key the arguments name (it sent: ${listed(sent)})`,
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
    async run(context) {
      const amount = context.random.int(20, 100);
      await transfersAtOnce(context, 2, amount, amount + context.random.int(0, amount - 1));
    },
  },
  {
    name: 'two transfers at the same time both succeed when there are points for both',
    async run(context) {
      const amount = context.random.int(10, 100);
      await transfersAtOnce(context, 2, amount, 2 * amount + context.random.int(0, 100));
    },
  },
  {
    name: 'of three transfers at the same time, only as many succeed as there are points for',
    async run(context) {
      const amount = context.random.int(10, 100);
      await transfersAtOnce(context, 3, amount, 2 * amount + context.random.int(0, amount - 1));
    },
  },
  {
    name: 'three transfers at the same time all succeed when there are points for all three',
    async run(context) {
      const amount = context.random.int(10, 100);
      await transfersAtOnce(context, 3, amount, 3 * amount + context.random.int(0, 100));
    },
  },
  {
    name: 'a small and a big transfer at the same time cannot overdraw the sender',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [from = '', first = '', second = ''] = userNames(random, 3);
      const fromKey = pointsKey(from);
      // The sender has plenty for the small one (four times it and more) and enough for the big
      // one, not for both: whichever goes first, the other must refuse. Code that takes less
      // care when the balance looks comfortable for its own amount overdraws here.
      const small = random.int(5, 20);
      const big = random.int(6 * small, 10 * small);
      const balance = big + random.int(0, small - 1);
      const labels = [
        `transfer(${from}→${first}, ${small})`,
        `transfer(${from}→${second}, ${big})`,
      ];
      await race({
        calls: [
          ['transfer', sandboxClient, from, first, small],
          ['transfer', sandboxClient, from, second, big],
        ],
        labels: [labels[0] as string, labels[1] as string],
        setup: async () => {
          await redis.set(fromKey, balance);
        },
        verify: async (results, steps) => {
          const [left, toFirst, toSecond] = await redis.mget(
            fromKey,
            pointsKey(first),
            pointsKey(second),
          );
          const [one, other] = results;
          const right =
            (one.returned === true &&
              other.returned === false &&
              left === String(balance - small) &&
              toFirst === String(small) &&
              toSecond === null) ||
            (one.returned === false &&
              other.returned === true &&
              left === String(balance - big) &&
              toFirst === null &&
              toSecond === String(big));
          expect.ok(
            right,
            `${from} had ${balance} points, enough for ${small} or for ${big}, not for both: one transfer must return true and the other false; they returned ${outcome(one)} and ${outcome(other)}, and Redis holds ${fromKey} = ${left}, ${pointsKey(first)} = ${toFirst}, ${pointsKey(second)} = ${toSecond}. However much the balance seems to allow, every attempt WATCHes the key, reads it again and decides again after an EXEC that answered null.`,
          );
          const stuck = watchesLeft(steps, 2).findIndex((keys) => keys.length > 0);
          expect.ok(
            stuck === -1,
            `${labels[stuck]} returned with WATCH ${fromKey} still in force on its connection (no UNWATCH, EXEC or DISCARD after its last WATCH): the next transaction sent on that client would abort when ${fromKey} changes. Send UNWATCH before every return false, on a retry as on the first attempt.`,
          );
        },
      });
    },
  },
  {
    name: 'a transfer returns true only when its points moved, however often its EXEC aborts',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [from = '', to = ''] = userNames(random, 2);
      const fromKey = pointsKey(from);
      const amount = random.int(10, 100);
      const balance = amount + random.int(0, 100);
      // Another client touches the balance three times without changing it (INCRBY 0 still
      // counts as a write for WATCH): each one that lands between a WATCH and its EXEC aborts
      // that attempt. Giving up is allowed; claiming success is not.
      const touch = ['INCRBY', fromKey, '0'];
      await race({
        calls: [['transfer', sandboxClient, from, to, amount]],
        labels: [`transfer(${from}→${to}, ${amount})`],
        interject: [touch, touch, touch],
        // The first interleavings, tried in order, already put a write inside every attempt: the
        // calls one after another on a fresh module, then four in turn on a module that ran once.
        maxInterleavings: 9,
        setup: async () => {
          await redis.set(fromKey, balance);
        },
        verify: async ([result]) => {
          const held = await redis.mget(fromKey, pointsKey(to));
          const moved = held[0] === String(balance - amount) && held[1] === String(amount);
          const untouched = held[0] === String(balance) && held[1] === null;
          const did = `transfer(${from}→${to}, ${amount}) ${result?.threw === undefined ? 'returned ' : ''}${result ? outcome(result) : 'nothing'}`;
          expect.ok(
            result?.returned === true ? moved : untouched,
            `${from} had ${balance} points; ${did} and Redis holds ${fromKey} = ${held[0]}, ${pointsKey(to)} = ${held[1]}.${
              result?.returned === true && !moved
                ? ' Return true only when an EXEC went through; when you stop retrying, throw instead.'
                : ''
            }`,
          );
          // The sender always had enough: false would tell the caller so, when the transfer
          // only lost its races.
          expect.ok(
            result?.returned !== false,
            `${from} had ${balance} points, enough for ${amount}, and other clients only touched ${fromKey} without changing it; ${did}. false says the sender has too few points: go back to the WATCH after an EXEC that answered null, and when you stop retrying, throw an error instead.`,
          );
          // Aborted EXECs are where a counter or a log of retries would be written.
          const keys = (await redis.keys('*')).filter(
            (key) => key !== fromKey && key !== pointsKey(to),
          );
          expect.ok(
            keys.length === 0,
            `${did}, and Redis also holds ${keys.join(', ')}: a transfer may change ${fromKey} and ${pointsKey(to)} only, on a retry too.`,
          );
        },
      });
    },
  },
  {
    name: 'two transfers to the same receiver at the same time lose no points',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [first = '', second = '', to = ''] = userNames(random, 3);
      const [one, other] = [random.int(10, 100), random.int(10, 100)];
      // Once with a receiver that has no key yet (code that creates it apart from adding to it
      // loses points), once with one that has points (code that writes a total it read loses
      // them): each way of handling the receiver meets the other transfer.
      for (const theirs of [undefined, random.int(1, 500)]) {
        await race({
          calls: [
            ['transfer', sandboxClient, first, to, one],
            ['transfer', sandboxClient, second, to, other],
          ],
          labels: [`transfer(${first}→${to}, ${one})`, `transfer(${second}→${to}, ${other})`],
          setup: async () => {
            await redis.mset(pointsKey(first), one, pointsKey(second), other);
            if (theirs !== undefined) await redis.set(pointsKey(to), theirs);
          },
          verify: async (results) => {
            const held = await redis.mget(pointsKey(first), pointsKey(second), pointsKey(to));
            const total = (theirs ?? 0) + one + other;
            expect.ok(
              results.every((result) => result.returned === true) &&
                held[0] === '0' &&
                held[1] === '0' &&
                held[2] === String(total),
              `${to} had ${theirs === undefined ? 'no key (0 points)' : `${theirs} points`} and received ${one} from ${first} and ${other} from ${second} at the same time, so ${pointsKey(to)} must end at ${total}; the transfers returned ${results.map(outcome).join(', ')}, and Redis holds ${pointsKey(first)} = ${held[0]}, ${pointsKey(second)} = ${held[1]}, ${pointsKey(to)} = ${held[2]}. Change the receiver with INCRBY, which adds to what Redis holds when the EXEC runs and creates a missing key, or WATCH its key too before you read it.`,
            );
          },
        });
      }
    },
  },
  {
    name: "bulkLoad stores every user's points under points:<user>",
    async run({ call, sandboxClient, redis, expect, random }) {
      // More than 500 users, an odd number of them: code that splits the load into chunks and
      // drops the last, short one stores too few. The round-trip check loads up to 1,000.
      const count = 2 * random.int(250, 349) + 1;
      // A user name is the user's own spelling: one with capitals and a space must keep them.
      const [first = '', second = '', ...rest] = userNames(random, count + 1);
      const spelled = `${first[0]?.toUpperCase()}${first.slice(1)} ${second.toUpperCase()}`;
      const names = [spelled, ...rest];
      const scores = Object.fromEntries(names.map((name) => [name, random.int(0, 5000)]));
      // One user already has points, with an expiry: bulkLoad must replace both (points never
      // expire). Another drops to 0, which a test for "has points" (`if (points)`) would skip.
      const [, existing = '', zero = ''] = names;
      scores[zero] = 0;
      await redis.set(
        pointsKey(existing),
        (scores[existing] ?? 0) + 1,
        'EX',
        random.int(600, 6000),
      );
      await redis.set(pointsKey(zero), random.int(1, 5000));
      const held = (name: string) =>
        name === existing
          ? ' (it held other points, with a TTL, before bulkLoad ran)'
          : name === zero
            ? ' (it held other points before bulkLoad ran)'
            : name === spelled
              ? ' (the user name holds capitals and a space, kept as given)'
              : '';

      /** Fails at the first user whose points Redis does not hold as `expected` says. */
      const expectStored = async (expected: Record<string, number>, what: string) => {
        const users = Object.keys(expected);
        const values = await redis.mget(users.map(pointsKey));
        const wrong = users.filter((name, index) => values[index] !== String(expected[name]));
        const [name] = wrong;
        if (name === undefined) return;
        const key = pointsKey(name);
        const type = await redis.type(key);
        expect.ok(
          type === 'string',
          type === 'none'
            ? `${what}, ${key}${held(name)} does not exist${wrong.length > 1 ? ` (and the points of ${wrong.length - 1} other users are wrong too)` : ''}; Redis holds ${(await redis.keys('*')).slice(0, 10).join(', ') || 'no keys'}…`
            : `${what}, TYPE ${key}${held(name)}: expected string, got ${type}`,
        );
        expect.equal(
          await redis.get(key),
          String(expected[name]),
          `${what}, GET ${key}${held(name)}${wrong.length > 1 ? ` (and the points of ${wrong.length - 1} other users are wrong too)` : ''}`,
        );
      };

      await call('bulkLoad', sandboxClient, scores);
      await expectStored(scores, `after bulkLoad of ${names.length} users`);
      for (const name of [existing, zero]) {
        const ttl = await redis.pttl(pointsKey(name));
        expect.ok(
          ttl === -1,
          `points never expire, but ${pointsKey(name)}${held(name)} has a TTL of ${ttl} ms after bulkLoad: a plain SET (or MSET) replaces the old expiry, SET … KEEPTTL keeps it.`,
        );
      }

      // Other clients change points between two loads: a second load of the same numbers must
      // set them again, not skip the users it loaded before.
      const [, , , spent = '', gone = '', ...others] = names;
      await redis.set(pointsKey(spent), (scores[spent] ?? 0) + random.int(1, 100));
      await redis.del(pointsKey(gone));
      const again = Object.fromEntries(
        [spent, gone, spelled, ...others.slice(0, random.int(2, 6))].map((name) => [
          name,
          scores[name] ?? 0,
        ]),
      );
      await call('bulkLoad', sandboxClient, again);
      await expectStored(
        again,
        `bulkLoad loaded ${pointsKey(spent)} = ${scores[spent]} and ${pointsKey(gone)} = ${scores[gone]}; then another client changed the first and deleted the second, and bulkLoad ran again with the same numbers for ${Object.keys(again).length} of the users, which it must set again, whatever it loaded before; after it`,
      );
    },
  },
  {
    name: 'bulkLoad leaves every other key alone',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff, decoys } = context;
      const names = userNames(random, random.int(5, 15));
      const scores = Object.fromEntries(names.map((name) => [name, random.int(0, 5000)]));
      const [like = ''] = names;
      // Users missing from scores keep their points: bulkLoad updates, it does not replace all.
      await decoys(like, 4, (id) => redis.set(pointsKey(id), random.int(1, 5000)));
      await redis.hset(`player:${like}`, 'name', like, 'level', random.int(1, 9));
      await redis.rpush(`log:${random.word()}`, 'bulk load scheduled');

      const before = await snapshot();
      await call('bulkLoad', sandboxClient, scores);
      const changes = diff(before, await snapshot());
      const others = changes.outside(names.map(pointsKey));
      expect.ok(
        others.length === 0,
        `bulkLoad of ${names.length} users may change their points:<user> keys only; it also ${changes.describe(others)}`,
      );
    },
  },
  {
    name: 'bulkLoad sends its writes together, in one round trip',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      // A small load and one of up to the 1,000 users the statement allows: one round trip
      // carries either.
      const all = userNames(random, random.int(700, 1000) + 6);
      const small = all.slice(0, random.int(2, 6));
      const names = all.slice(6);
      const scores = Object.fromEntries(all.map((name) => [name, random.int(0, 5000)]));
      let seen = 0;
      for (const load of [small, names]) {
        await call(
          'bulkLoad',
          sandboxClient,
          Object.fromEntries(load.map((name) => [name, scores[name] ?? 0])),
        );
        // Commands queued on one pipeline() or multi() share a batch in the log; an MSET is one
        // command. Separate SETs, awaited in a loop or started together with Promise.all, have none.
        const sent = commands();
        const writes = sent.slice(seen).filter(({ name }) => name !== 'multi' && name !== 'exec');
        seen = sent.length;
        const batches = new Set(writes.map(({ batch }) => batch));
        const together = writes.length === 1 || (batches.size === 1 && !batches.has(undefined));
        const how = !batches.has(undefined)
          ? `in ${batches.size} batches`
          : batches.size === 1
            ? 'each on its own'
            : 'some of them on their own';
        expect.ok(
          together,
          `your code sent ${writes.length} commands to store ${load.length} users, ${how} (${listed(writes, 6)}): queue every SET on one redis.pipeline() and call exec() once, or send a single MSET, however few the users.`,
        );
      }
      const [sample = ''] = names;
      expect.equal(
        await redis.get(pointsKey(sample)),
        String(scores[sample]),
        `GET ${pointsKey(sample)}`,
      );
    },
  },
];

export default checks;
