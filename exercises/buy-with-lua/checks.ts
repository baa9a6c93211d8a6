import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

interface Exports {
  buy(redis: Redis, user: string, item: string, price: number): Promise<BuyResult>;
}

const walletKey = (user: string) => `wallet:${user}`;
const stockKey = (item: string) => `stock:${item}`;
const ordersKey = (user: string) => `orders:${user}`;

/** `count` different names of different lengths, so that none can be told apart by shape. */
function names(random: Random, count: number): string[] {
  const found = new Set<string>();
  while (found.size < count) found.add(random.word(random.int(4, 7)));
  return [...found];
}

/** Commands that run a Lua script or a function; their keys follow the number of keys. */
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** Commands that manage scripts and libraries: a write Redis flags, yet of no key. */
const SCRIPT_ADMIN = new Set(['script', 'function']);

/** An argument as a log line shows it: on one line, a long one (a Lua script) cut short. */
const shortArg = (arg: string) => {
  const line = arg.replace(/\s+/g, ' ').trim();
  if (line === '') return '""';
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

const show = (command: ExecutedCommand) =>
  [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' ') +
  (command.script ? ` (inside ${command.script.toUpperCase()})` : '');

function listed(commands: readonly ExecutedCommand[], max = 12): string {
  if (commands.length === 0) return 'nothing';
  const shown = commands.slice(0, max).map(show);
  return commands.length > max
    ? `${shown.join('; ')}; … (${commands.length} in all)`
    : shown.join('; ');
}

const outcome = (result: RaceOutcome<BuyResult>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/** Whether the calls' steps took turns, rather than one call running after the other. */
const tookTurns = (steps: readonly RaceStepView[]) =>
  steps.filter((step, index) => index > 0 && step.by !== steps[index - 1]?.by).length > 1;

/** One script run: the command that ran it, the keys it was given, and what it ran. */
interface ScriptRun {
  runner: ExecutedCommand;
  declared: string[];
  inner: ExecutedCommand[];
}

/** The script runs in the log, each with the commands it ran (executed() lists them after it). */
function scriptRuns(executed: readonly ExecutedCommand[]): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const command of executed) {
    if (command.script) runs.at(-1)?.inner.push(command);
    else if (SCRIPT_RUNNERS.has(command.name)) {
      // EVAL script numkeys key… arg…, EVALSHA sha numkeys…, FCALL function numkeys…
      const declared = command.args.slice(2, 2 + Number(command.args[1]));
      runs.push({ runner: command, declared, inner: [] });
    }
  }
  return runs;
}

const sameList = (got: readonly string[], expected: readonly string[]) =>
  got.length === expected.length && got.every((value, index) => value === expected[index]);

/** How a list differs from the one expected, short enough to read when it is long. */
function listDifference(got: readonly string[], expected: readonly string[]): string {
  if (got.length <= 8 && expected.length <= 8) {
    return `expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`;
  }
  const index = expected.findIndex((value, at) => got[at] !== value);
  const at = index === -1 ? expected.length : index;
  return `expected ${expected.length} items, got ${got.length}; the first difference is at index ${at}: expected ${JSON.stringify(expected[at] ?? null)}, got ${JSON.stringify(got[at] ?? null)}; the last three: expected ${JSON.stringify(expected.slice(-3))}, got ${JSON.stringify(got.slice(-3))}`;
}

/** A word with a capital first letter, as a name may be written. */
const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/** A price of three digits, so that balances of three digits compare alike as text and as numbers. */
const price = (random: Random) => random.int(100, 300);

const checks: CheckList<Exports> = [
  {
    name: 'buy takes the price from wallet:<user>, one from stock:<item>, and returns "ok"',
    async run({ call, sandboxClient, redis, random, expect }) {
      // A capital, a space and an accent, and spaces at the ends of the names, as a form may send
      // it: the key is the name as given, not a lower-cased or trimmed copy.
      const [first = '', second = '', third = ''] = names(random, 3);
      const user = ` ${capitalised(first)} `;
      const item = `${capitalised(second)} ${third}é `;
      const cost = price(random);
      const balance = random.int(cost + 1, 999);
      const stock = random.int(2, 9);
      await redis.mset(walletKey(user), balance, stockKey(item), stock);

      const returned = await call('buy', sandboxClient, user, item, cost);
      expect.equal(
        returned,
        'ok',
        `buy(redis, '${user}', '${item}', ${cost}) with "${walletKey(user)}" = "${balance}" and "${stockKey(item)}" = "${stock}" (the keys hold the names exactly as given, the spaces at their ends included) returned`,
      );
      for (const key of [walletKey(user), stockKey(item)]) {
        expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      }
      expect.equal(
        await redis.get(walletKey(user)),
        String(balance - cost),
        `GET ${walletKey(user)} (it held "${balance}"; the price is ${cost})`,
      );
      expect.equal(
        await redis.get(stockKey(item)),
        String(stock - 1),
        `GET ${stockKey(item)} (it held "${stock}"; one was sold)`,
      );
    },
  },
  {
    name: 'buy appends the item to the end of the list orders:<user>',
    async run({ call, sandboxClient, redis, random, expect }) {
      const [a = '', b = '', c = '', d = '', e = '', f = ''] = names(random, 6);
      // Capitals, spaces, accents and quotes: the list is orders:<user> as given, and holds the
      // item as given (not lower-cased, trimmed or encoded, and passed as a value, never typed
      // into the script's text, where a quote would end a Lua string).
      const newcomer = `${capitalised(a)}é`;
      const regular = `${capitalised(b)} ${c}`;
      const first = `${capitalised(d)}'s ${e}é`;
      const second = `${f} "${capitalised(e)}"`;
      // A long history, more than a list kept to its last 50 or 100 orders would hold.
      const earlier = Array.from(
        { length: random.int(110, 140) },
        () => `${random.word(random.int(4, 7))}-${random.int(1, 9)}`,
      );
      const [one, other] = [price(random), price(random)];
      await redis.mset(
        walletKey(newcomer),
        random.int(one + other, 999),
        walletKey(regular),
        random.int(2 * one, 999),
        stockKey(first),
        random.int(3, 9),
        stockKey(second),
        random.int(1, 9),
      );
      await redis.rpush(ordersKey(regular), ...earlier);
      const bought: Record<string, string[]> = { [newcomer]: [], [regular]: [] };
      const buyAndLook = async (user: string, item: string, cost: number, expected: string[]) => {
        const returned = await call('buy', sandboxClient, user, item, cost);
        expect.equal(returned, 'ok', `buy(redis, '${user}', '${item}', ${cost}) returned`);
        bought[user]?.push(item);
        const key = ordersKey(user);
        const type = await redis.type(key);
        const elsewhere =
          type === 'none' ? (await redis.keys('orders:*')).map((name) => JSON.stringify(name)) : [];
        expect.ok(
          type === 'list',
          `TYPE ${key} after ${user} bought ${bought[user]?.join(', ')}: expected list, got ${type}${type === 'none' ? ` (there is no such key; Redis holds ${elsewhere.length > 0 ? elsewhere.join(', ') : 'no orders:* key'})` : ''}. Record each order with RPUSH ${key} <item>, the user's name as given`,
        );
        const story =
          user === regular
            ? `it held ${earlier.length} earlier orders, then ${user} bought ${bought[user]?.join(', ')}`
            : `${user} had no orders, then bought ${bought[user]?.join(', ')}`;
        const held = await redis.lrange(key, 0, -1);
        expect.ok(
          sameList(held, expected),
          `LRANGE ${key} 0 -1 (${story}, in that order: oldest first, every order kept, each item as given): ${listDifference(held, expected)}`,
        );
      };

      await buyAndLook(newcomer, second, other, [second]);
      await buyAndLook(newcomer, first, one, [second, first]);
      await buyAndLook(regular, first, one, [...earlier, first]);
      await buyAndLook(regular, first, one, [...earlier, first, first]);
    },
  },
  {
    name: 'buy can spend the whole wallet and take the last item',
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff }) {
      const [user = '', item = ''] = names(random, 2);
      const cost = price(random);
      await redis.mset(walletKey(user), cost, stockKey(item), 1);
      const before = await snapshot();

      const returned = await call('buy', sandboxClient, user, item, cost);
      expect.equal(
        returned,
        'ok',
        `buy(redis, '${user}', '${item}', ${cost}) with exactly ${cost} in ${walletKey(user)} and exactly 1 in ${stockKey(item)} returned`,
      );
      expect.equal(await redis.get(walletKey(user)), '0', `GET ${walletKey(user)}`);
      expect.equal(await redis.get(stockKey(item)), '0', `GET ${stockKey(item)}`);
      expect.equal(
        await redis.lrange(ordersKey(user), 0, -1),
        [item],
        `LRANGE ${ordersKey(user)} 0 -1`,
      );
      // An empty shelf or an empty wallet is no reason to note it in a key of the shop's own.
      const mine = [walletKey(user), stockKey(item), ordersKey(user)];
      const after = await snapshot();
      // Nor to let the key expire: a "0" that vanishes later is a missing key, and a sale of the
      // last item or with the last coin is exactly when code is tempted to tidy up.
      const expiring = mine.flatMap((key) => {
        const pttl = after.keys.get(key)?.pttl ?? -1;
        return pttl === -1 ? [] : [`${key} (PTTL ${pttl})`];
      });
      expect.ok(
        expiring.length === 0,
        `buy(redis, '${user}', '${item}', ${cost}) took the last ${item} with ${user}'s last coin, and Redis now gives ${expiring.join(', ')} an expiry. The shop's keys never expire: leave an empty wallet or an empty shelf at "0", with no EXPIRE`,
      );
      const changes = diff(before, after);
      const elsewhere = changes.outside(mine);
      expect.ok(
        elsewhere.length === 0,
        `buy(redis, '${user}', '${item}', ${cost}) took the last ${item} with ${user}'s last coin; it may change ${mine.join(', ')} only, but it also ${changes.describe(elsewhere)}. Change no other key, whatever the sale leaves at 0`,
      );
    },
  },
  {
    name: 'buy compares the balance and the price as numbers, not as text',
    async run({ call, sandboxClient, redis, random, expect }) {
      const [rich = '', poor = '', item = ''] = names(random, 3);
      // "150" < "60" as text, though 150 > 60: a script that compares strings refuses this one.
      const richBalance = random.int(100, 199);
      const cheap = random.int(20, 99);
      // "7" > "45" as text, though 7 < 45: a script that compares strings sells this one.
      const poorBalance = random.int(2, 9);
      const dear = random.int(10, poorBalance * 10 - 1);
      await redis.mset(
        walletKey(rich),
        richBalance,
        walletKey(poor),
        poorBalance,
        stockKey(item),
        random.int(3, 9),
      );
      const hint =
        ' Every ARGV value is a string, and so is what GET answers; Lua compares two strings letter by letter ("9" > "10"). Turn both into numbers with tonumber before comparing.';

      const affordable = await call('buy', sandboxClient, rich, item, cheap);
      expect.ok(
        affordable === 'ok',
        `buy(redis, '${rich}', '${item}', ${cheap}) with ${walletKey(rich)} = "${richBalance}" returned ${JSON.stringify(affordable)}, expected "ok": ${richBalance} is more than ${cheap}.${hint}`,
      );
      const tooDear = await call('buy', sandboxClient, poor, item, dear);
      expect.ok(
        tooDear === 'no-money',
        `buy(redis, '${poor}', '${item}', ${dear}) with ${walletKey(poor)} = "${poorBalance}" returned ${JSON.stringify(tooDear)}, expected "no-money": ${poorBalance} is less than ${dear}.${hint}`,
      );
      expect.equal(
        await redis.get(walletKey(poor)),
        String(poorBalance),
        `GET ${walletKey(poor)} after the refused buy`,
      );
    },
  },
  {
    name: 'a refused buy returns "no-stock" or "no-money" and writes nothing',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff, executed }) {
      const users = names(random, 5);
      const items = names(random, 5).map((word) => `${word}-${random.int(10, 99)}`);
      const cost = random.int(101, 300);
      const [soldOut = '', unknown = '', short = '', broke = '', oversold = ''] = users;
      const [
        soldOutItem = '',
        unknownItem = '',
        shortItem = '',
        brokeItem = '',
        oversoldItem = '',
      ] = items;
      const shortBalance = random.int(100, cost - 1);
      // A stock below 0 (oversold, or corrected by hand) is less than 1 too.
      const negative = -random.int(1, 5);
      await redis.mset(
        walletKey(soldOut),
        random.int(cost, 999),
        stockKey(soldOutItem),
        0,
        walletKey(oversold),
        random.int(cost, 999),
        stockKey(oversoldItem),
        negative,
        walletKey(unknown),
        random.int(cost, 999),
        walletKey(short),
        shortBalance,
        stockKey(shortItem),
        random.int(1, 9),
        stockKey(brokeItem),
        random.int(1, 9),
      );
      await redis.rpush(ordersKey(short), random.word());
      const before = await snapshot();

      const cases = [
        [soldOut, soldOutItem, 'no-stock', `${stockKey(soldOutItem)} = "0"`],
        [unknown, unknownItem, 'no-stock', `${stockKey(unknownItem)} missing (0 in stock)`],
        [short, shortItem, 'no-money', `${walletKey(short)} = "${shortBalance}"`],
        [broke, brokeItem, 'no-money', `${walletKey(broke)} missing (a balance of 0)`],
        [oversold, oversoldItem, 'no-stock', `${stockKey(oversoldItem)} = "${negative}"`],
      ] as const;
      for (const [user, item, expected, state] of cases) {
        const returned = await call('buy', sandboxClient, user, item, cost);
        expect.equal(
          returned,
          expected,
          `buy(redis, '${user}', '${item}', ${cost}) with ${state} returned`,
        );
      }
      const ran = await executed();
      const writes = ran.filter((command) => command.write && !SCRIPT_ADMIN.has(command.name));
      expect.ok(
        writes.length === 0,
        `a refused buy must write nothing, not even a change it undoes afterwards: other clients would see the stock or the balance move in between. Redis ran: ${listed(writes)}`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `five refused buys must change nothing, yet they ${changes.describe(changes.changes)}`,
      );
      // A missing key is read as 0 like any other: no reason to look for it under other names.
      const searches = ran.filter(({ name }) => name === 'keys' || name === 'scan');
      expect.ok(
        searches.length === 0,
        `buy knows its three keys from its arguments: read them by their names, a missing one as 0 (${stockKey(unknownItem)} does not exist: "no-stock"). KEYS and SCAN walk every key in Redis (and KEYS blocks every other client while it does); Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'out of stock and short of money, buy answers "no-stock"',
    async run({ call, sandboxClient, redis, random, expect }) {
      const [user = '', nobody = '', item = '', gone = ''] = names(random, 4);
      const cost = price(random);
      const balance = random.int(1, cost - 1);
      await redis.mset(walletKey(user), balance, stockKey(item), 0);

      for (const [who, what, state] of [
        [user, item, `${stockKey(item)} = "0" and ${walletKey(user)} = "${balance}"`],
        [nobody, gone, `neither ${stockKey(gone)} nor ${walletKey(nobody)} existing`],
      ] as const) {
        const returned = await call('buy', sandboxClient, who, what, cost);
        expect.equal(
          returned,
          'no-stock',
          `buy(redis, '${who}', '${what}', ${cost}) with ${state} (check the stock first: it decides when both are short) returned`,
        );
      }
    },
  },
  {
    name: 'buy reads Redis on every call, as the stock and the wallet change',
    async run({ call, sandboxClient, redis, random, expect }) {
      const [user = '', item = ''] = names(random, 2);
      const cost = random.int(101, 300);
      const balance = random.int(2 * cost, 999);
      const answers: string[] = [];
      const expectBuy = async (expected: BuyResult, state: string) => {
        const returned = await call('buy', sandboxClient, user, item, cost);
        answers.push(JSON.stringify(returned));
        expect.equal(
          returned,
          expected,
          `buy(redis, '${user}', '${item}', ${cost}) ${state}; the calls so far returned ${answers.join(', ')}. Read the stock and the wallet from Redis on every call; the answer`,
        );
      };

      // The item and the user start with no key at all, and each gets one later: a missing key
      // is only missing until someone writes it.
      await expectBuy('no-stock', `with neither ${stockKey(item)} nor ${walletKey(user)} existing`);
      await redis.set(stockKey(item), 1);
      await expectBuy(
        'no-money',
        `after the shop stocked the new item (${stockKey(item)} = "1"), with no ${walletKey(user)} yet`,
      );
      await redis.set(walletKey(user), balance);
      await expectBuy('ok', `after ${user}'s first deposit made ${walletKey(user)} "${balance}"`);
      await expectBuy('no-stock', `right after, with ${stockKey(item)} = "0"`);
      // Other clients lower the values too, right after a sale that left enough: what the last
      // sale left is no guide to what Redis holds now.
      const restock = random.int(2, 9);
      await redis.mset(stockKey(item), restock, walletKey(user), cost - 1);
      await expectBuy(
        'no-money',
        `after the shop restocked ${stockKey(item)} to "${restock}" and a withdrawal elsewhere set ${walletKey(user)} to "${cost - 1}" (the sale before left ${balance - cost})`,
      );
      await redis.incrby(walletKey(user), 1);
      await expectBuy('ok', `after a deposit made ${walletKey(user)} "${cost}"`);
      await redis.mset(stockKey(item), 0, walletKey(user), balance);
      await expectBuy(
        'no-stock',
        `after another client sold the rest (${stockKey(item)} = "0", though the sale before left ${restock - 1}) and a deposit made ${walletKey(user)} "${balance}"`,
      );
    },
  },
  {
    name: 'buy changes only wallet:<user>, stock:<item> and orders:<user>, read by their names, and sets no expiry',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, decoys, snapshot, diff, executed }) {
      const [user = '', item = ''] = names(random, 2);
      const cost = price(random);
      await redis.mset(walletKey(user), random.int(cost, 999), stockKey(item), random.int(1, 9));
      await decoys(user, 3, async (other) => {
        await redis.set(walletKey(other), random.int(100, 999));
        await redis.rpush(ordersKey(other), random.word());
      });
      await decoys(item, 3, (other) => redis.set(stockKey(other), random.int(0, 9)));
      const before = await snapshot();

      await call('buy', sandboxClient, user, item, cost);
      const mine = [walletKey(user), stockKey(item), ordersKey(user)];
      const after = await snapshot();
      const changes = diff(before, after);
      const elsewhere = changes.outside(mine);
      expect.ok(
        elsewhere.length === 0,
        `buy(redis, '${user}', '${item}', ${cost}) may change ${mine.join(', ')} only, but it also ${changes.describe(elsewhere)}`,
      );
      // Money, stock and order history are kept for good: an expiry would wipe them later.
      const expiring = mine.flatMap((key) => {
        const pttl = after.keys.get(key)?.pttl ?? -1;
        return pttl === -1 ? [] : [`${key} (PTTL ${pttl})`];
      });
      expect.ok(
        expiring.length === 0,
        `after buy(redis, '${user}', '${item}', ${cost}), Redis gives ${expiring.join(', ')} an expiry: the balance, the stock or the order history would vanish when it runs out. Write them with no EX, PX or EXPIRE; the shop's keys never expire`,
      );
      const searches = (await executed()).filter(({ name }) => name === 'keys' || name === 'scan');
      expect.ok(
        searches.length === 0,
        `buy knows its three keys from its arguments: read them by their names. KEYS and SCAN walk every key in Redis (and KEYS blocks every other client while it does); Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'buy reads, decides and writes inside one Lua script',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, executed }) {
      const [user = '', item = '', other = '', third = '', thing = ''] = names(random, 5);
      const cost = price(random);
      // A third buy by another user, of another item at another price: the script stays the same.
      const dearer = cost + random.int(1, 50);
      await redis.mset(
        walletKey(user),
        random.int(cost, 999),
        walletKey(other),
        random.int(0, cost - 1),
        stockKey(item),
        random.int(2, 9),
        walletKey(third),
        random.int(dearer, 999),
        stockKey(thing),
        random.int(1, 9),
      );

      await call('buy', sandboxClient, user, item, cost);
      await call('buy', sandboxClient, other, item, cost);
      await call('buy', sandboxClient, third, thing, dearer);
      const all = await executed();
      const outside: ExecutedCommand[] = [];
      for (const command of all) {
        if (command.script || SCRIPT_RUNNERS.has(command.name)) continue;
        if (['watch', 'multi', 'exec', 'unwatch', 'discard'].includes(command.name)) {
          outside.push(command);
        } else if (command.keys.length > 0) outside.push(command);
      }
      const transaction = outside.some(({ name }) => name === 'watch' || name === 'multi');
      expect.ok(
        outside.length === 0,
        `buy sent ${listed(outside)} outside any script.${
          transaction
            ? ' WATCH with MULTI/EXEC makes a safe buy too (that is the transfer-points exercise), but this one practises the Lua script the lesson ends with: the reads, the decision and the writes in one EVAL, run by Redis as one step, in one round trip, with nothing to watch and no retry.'
            : ' Another buy can change the stock or the wallet between that command and your script: read, decide and write inside the one script.'
        }`,
      );
      // A run that ran nothing is an EVALSHA answered NOSCRIPT, which ioredis follows with EVAL.
      const runs = scriptRuns(all).filter((run) => run.inner.length > 0);
      expect.ok(
        runs.length === 3,
        `three buys ran ${runs.length} script${runs.length === 1 ? '' : 's'} that used Redis (${listed(
          runs.map((run) => run.runner),
        )}); each buy must run exactly one script, which reads the stock and the wallet with redis.call, decides, and writes: a decision made in one script and written by another can be stale by the time it is written`,
      );
      // Redis caches every script it is sent, by its text, until the cache is flushed (it was
      // before this check): the three buys must have sent one text between them.
      const memory = String(await redis.info('memory'));
      const cached = Number(/number_of_cached_scripts:(\d+)/.exec(memory)?.[1] ?? 1);
      expect.ok(
        cached <= 1,
        `three buys (${user} and ${other} of ${item} at ${cost}, ${third} of ${thing} at ${dearer}) sent Redis ${cached} different scripts, which it compiled and now keeps in its script cache until it restarts: a script whose text changes with the buy fills the cache with one more script per user, item or price. Write one script text for every buy: the key names in KEYS, the price and the item in ARGV (ARGV[1], ARGV[2]), never typed into the script's text`,
      );
    },
  },
  {
    name: 'the script is given every key it uses in KEYS, and only keys',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, executed }) {
      const [user = '', item = '', gone = ''] = names(random, 3);
      const cost = price(random);
      await redis.mset(walletKey(user), random.int(cost, 999), stockKey(item), random.int(1, 9));

      await call('buy', sandboxClient, user, item, cost);
      // The buy that sold: its script (or scripts) used all three keys.
      const sale = scriptRuns(await executed());
      await call('buy', sandboxClient, user, gone, cost);
      const runs = scriptRuns(await executed());
      const undeclared: string[] = [];
      for (const run of runs) {
        for (const command of run.inner) {
          for (const key of command.keys) {
            if (!run.declared.includes(key)) {
              undeclared.push(
                `${show(command)} touched ${key}, but the script was given ${
                  run.declared.length > 0
                    ? `only ${run.declared.join(', ')} in KEYS`
                    : 'no key in KEYS'
                }`,
              );
            }
          }
        }
      }
      expect.ok(
        undeclared.length === 0,
        `build the key names in TypeScript and pass them to the script in KEYS: ${undeclared.join('; ')}. Redis and a Cluster client learn from KEYS which keys a script uses: the client sends the script to the server that holds them, and a key the script makes up for itself may live on another server`,
      );
      const touched = new Set<string>();
      for (const run of sale) {
        for (const command of run.inner) {
          for (const key of command.keys) touched.add(key);
        }
      }
      const notKeys = sale.flatMap((run) =>
        run.declared
          .filter((declared) => !touched.has(declared))
          .map(
            (key) =>
              `${show(run.runner)} passed "${key}" in KEYS, and no command of the buy used such a key`,
          ),
      );
      expect.ok(
        notKeys.length === 0,
        `KEYS is for the names of the keys the script reads or writes; values such as the price and the item go in ARGV: ${notKeys.join('; ')}`,
      );
    },
  },
  {
    name: 'two buys of the last item at the same time: one gets it, the other answers "no-stock"',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [first = '', second = '', item = ''] = names(random, 3);
      const cost = price(random);
      const balances = [random.int(cost, 999), random.int(cost, 999)] as const;
      const buyers = [first, second] as const;
      await race({
        maxInterleavings: 16,
        calls: [
          ['buy', sandboxClient, first, item, cost],
          ['buy', sandboxClient, second, item, cost],
        ],
        labels: [`buy(${first}, ${item}, ${cost})`, `buy(${second}, ${item}, ${cost})`],
        setup: async () => {
          await redis.mset(
            walletKey(first),
            balances[0],
            walletKey(second),
            balances[1],
            stockKey(item),
            1,
          );
        },
        verify: async (results, steps) => {
          const stock = await redis.get(stockKey(item));
          const wallets = await redis.mget(walletKey(first), walletKey(second));
          const orders = await Promise.all(
            buyers.map((user) => redis.lrange(ordersKey(user), 0, -1)),
          );
          const winner = results.findIndex((result) => result.returned === 'ok');
          const loser = 1 - winner;
          const right =
            winner !== -1 &&
            results[loser]?.returned === 'no-stock' &&
            stock === '0' &&
            wallets[winner] === String((balances[winner] ?? 0) - cost) &&
            wallets[loser] === String(balances[loser]) &&
            JSON.stringify(orders[winner]) === JSON.stringify([item]) &&
            orders[loser]?.length === 0;
          expect.ok(
            right,
            `${stockKey(item)} held "1", the last one, and ${first} and ${second} could both pay ${cost}: one buy must return "ok" and the other "no-stock", leaving ${stockKey(item)} at "0"; they returned ${results.map(outcome).join(' and ')}, and Redis holds ${stockKey(item)} = ${JSON.stringify(stock)}, ${walletKey(first)} = ${JSON.stringify(wallets[0])} (was "${balances[0]}"), ${walletKey(second)} = ${JSON.stringify(wallets[1])} (was "${balances[1]}"), ${ordersKey(first)} = ${JSON.stringify(orders[0])}, ${ordersKey(second)} = ${JSON.stringify(orders[1])}.${
              tookTurns(steps)
                ? ' Both buys read the stock before either wrote it: read the stock inside the same script that takes the item.'
                : ''
            }`,
          );
        },
      });
    },
  },
  {
    name: 'two buys that together cost more than the wallet: one goes through, the other answers "no-money"',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [user = '', one = '', other = ''] = names(random, 3);
      const prices = [price(random), price(random)] as const;
      const items = [one, other] as const;
      const balance = random.int(Math.max(...prices), prices[0] + prices[1] - 1);
      const stocks = [random.int(1, 9), random.int(1, 9)] as const;
      await race({
        maxInterleavings: 16,
        calls: [
          ['buy', sandboxClient, user, one, prices[0]],
          ['buy', sandboxClient, user, other, prices[1]],
        ],
        labels: [`buy(${user}, ${one}, ${prices[0]})`, `buy(${user}, ${other}, ${prices[1]})`],
        setup: async () => {
          await redis.mset(
            walletKey(user),
            balance,
            stockKey(one),
            stocks[0],
            stockKey(other),
            stocks[1],
          );
        },
        verify: async (results, steps) => {
          const wallet = await redis.get(walletKey(user));
          const held = await redis.mget(stockKey(one), stockKey(other));
          const orders = await redis.lrange(ordersKey(user), 0, -1);
          const winner = results.findIndex((result) => result.returned === 'ok');
          const loser = 1 - winner;
          const right =
            winner !== -1 &&
            results[loser]?.returned === 'no-money' &&
            wallet === String(balance - (prices[winner] ?? 0)) &&
            held[winner] === String((stocks[winner] ?? 0) - 1) &&
            held[loser] === String(stocks[loser]) &&
            JSON.stringify(orders) === JSON.stringify([items[winner]]);
          expect.ok(
            right,
            `${walletKey(user)} held "${balance}", enough for ${one} at ${prices[0]} or ${other} at ${prices[1]}, not both: one buy must return "ok" and the other "no-money"; they returned ${results.map(outcome).join(' and ')}, and Redis holds ${walletKey(user)} = ${JSON.stringify(wallet)}, ${stockKey(one)} = ${JSON.stringify(held[0])} (was "${stocks[0]}"), ${stockKey(other)} = ${JSON.stringify(held[1])} (was "${stocks[1]}"), ${ordersKey(user)} = ${JSON.stringify(orders)}.${
              tookTurns(steps)
                ? ' Both buys saw the whole balance before either took its price: read the wallet inside the same script that takes the money.'
                : ''
            }`,
          );
        },
      });
    },
  },
];

export default checks;
