import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  Random,
  SnapshotDiff,
} from '../../grader/checks/api.ts';

interface Exports {
  enqueue(redis: Redis, queue: string, task: string): Promise<number>;
  dequeue(redis: Redis, queue: string): Promise<string | null>;
  logEvent(redis: Redis, event: string): Promise<void>;
}

const JOBS = ['resize', 'send', 'build', 'index', 'render', 'charge'];
const EVENTS = ['login', 'logout', 'search', 'view', 'upload', 'comment'];
const LOG = 'events:recent';
const KEPT = 5;

/** `count` different values from `make`, so that order mistakes cannot hide behind duplicates. */
function distinct(count: number, make: () => string): string[] {
  const values = new Set<string>();
  while (values.size < count) values.add(make());
  return [...values];
}

const tasks = (random: Random, count: number) =>
  distinct(count, () => `${random.pick(JOBS)}-${random.word(5)}`);

const capital = (word: string) => `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`;

/**
 * Events of two shapes, every other one (the first among them) with capitals, a space at each
 * end and letters outside ASCII: code that trims, lower-cases or re-encodes an event logs
 * another string, in every grading.
 */
const events = (random: Random, count: number) => {
  const shapes = [
    () => ` ${capital(random.pick(EVENTS))}:${capital(random.word(4))} café 日本 `,
    () => `${random.pick(EVENTS)}:${random.word(4)}`,
  ];
  const made = new Set<string>();
  while (made.size < count) made.add((shapes[made.size % shapes.length] as () => string)());
  return [...made];
};

/**
 * Names with a capital and a space (the first also a colon, `*`, `?` and brackets): code that
 * lower-cases the name, or cuts the key at a space,
 * builds another queue's key. Each check takes a shape of its own, so every grading meets all
 * of them, and code that leaves alone only names shaped like one of them still fails.
 */
const SHAPES = [
  // A colon and glob characters too: code that replaces a name's ':' or escapes its '*' as if a
  // key were a pattern builds another key.
  (random: Random) => `${capital(random.word(6))}:${random.word(2)} *?[${random.word(1)}]`,
  (random: Random) => `${capital(random.word(3))}${capital(random.word(5))} ${random.word(3)}`,
  (random: Random) => `É${random.word(4)} ${capital(random.word(3))}`,
] as const;
const queueName = (random: Random, shape: 0 | 1 | 2 = 0) => SHAPES[shape](random);
const queueKey = (queue: string) => `queue:${queue}`;

/**
 * Seeds look-alike queues beside the learner's, each with tasks of its own, so that code which
 * finds "the" queue with KEYS or SCAN instead of building its key meets them; unless `twin` is
 * false, one of them is the name in lower case, which code that compares names ignoring case
 * takes for the learner's.
 */
async function decoyQueues(
  decoys: (
    like: string,
    count: number,
    seed: (id: string) => Promise<unknown>,
  ) => Promise<string[]>,
  redis: Redis,
  random: Random,
  like: string,
  twin = true,
): Promise<string[]> {
  const lower = like.toLowerCase();
  if (twin) await redis.rpush(queueKey(lower), ...tasks(random, 2));
  const others = await decoys(like, random.int(1, 3), (id) =>
    redis.rpush(queueKey(id), ...tasks(random, 2)),
  );
  return twin ? [lower, ...others] : others;
}

function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 10).map((command) => [command.name, ...command.args].join(' '));
  return commands.length > 10 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Fails, naming every change, when the diff touched a key other than those allowed. */
function onlyTouched(
  expect: { ok(condition: unknown, message: string): void },
  diff: SnapshotDiff,
  allowed: readonly string[],
  what: string,
) {
  const outside = diff.outside(allowed);
  expect.ok(
    outside.length === 0,
    `${what} may change only ${allowed.join(' and ')}, but it also ${diff.describe(outside)}`,
  );
}

/**
 * What Redis ran as one step, in the order sent: a command on its own (each command of a
 * pipeline too), a transaction from MULTI to EXEC, or a script call with the commands it ran.
 * Another client's command can land between two units, never inside one.
 */
interface Unit<C extends LoggedCommand = ExecutedCommand> {
  commands: C[];
  /** A MULTI…EXEC block. */
  transaction: boolean;
}

const SCRIPT_CALLS = /^(eval|evalsha|eval_ro|evalsha_ro|fcall|fcall_ro)$/;

function units<C extends LoggedCommand & { script?: string }>(entries: readonly C[]): Unit<C>[] {
  const found: Unit<C>[] = [];
  let open: Unit<C> | undefined;
  for (const entry of entries) {
    if (entry.script !== undefined) {
      found.at(-1)?.commands.push(entry);
    } else if (open) {
      open.commands.push(entry);
      if (entry.name === 'exec' || entry.name === 'discard') open = undefined;
    } else if (entry.name === 'multi') {
      open = { commands: [entry], transaction: true };
      found.push(open);
    } else {
      found.push({ commands: [entry], transaction: false });
    }
  }
  return found;
}

/** Whether the unit wrote `key`: a script call counts by what its script ran, not its KEYS. */
const writes = (unit: Unit, key: string) =>
  unit.commands.some(
    (command) => command.write && !SCRIPT_CALLS.test(command.name) && command.keys.includes(key),
  );

/** Whether the code itself sent `value` as an argument in the unit (not a script's own command). */
const sends = (unit: Unit<LoggedCommand & { script?: string }>, value: string) =>
  unit.commands.some((command) => command.script === undefined && command.args.includes(value));

const shown = (unit: Unit<LoggedCommand & { script?: string }> | undefined) =>
  (unit?.commands ?? [])
    .map(
      (command) =>
        `${command.script === undefined ? '' : 'script: '}${[command.name.toUpperCase(), ...command.args].join(' ')}`,
    )
    .join('; ');

/** What Redis wrote for the code on a key other than `key`; a script counts by what it ran. */
const writtenElsewhere = (ran: readonly ExecutedCommand[], key: string) =>
  ran.filter(
    (command) =>
      command.write &&
      !SCRIPT_CALLS.test(command.name) &&
      command.keys.some((written) => written !== key),
  );

/**
 * Judges one enqueue from what it sent: the step that pushed `task`, and a later step of its own
 * that looked at `key` again (a count read there may include another producer's push).
 */
function countedApart(
  sent: readonly LoggedCommand[],
  queue: string,
  task: string,
): string | undefined {
  const key = queueKey(queue);
  const steps = units(sent);
  const push = steps.findIndex((step) => sends(step, task));
  const after = steps
    .slice(push + 1)
    .find((step) => step.commands.some((command) => command.args.includes(key)));
  if (push === -1 || after === undefined) return undefined;
  return (
    `enqueue('${queue}', '${task}') pushed with ${shown(steps[push])}, ` +
    `then sent ${shown(after)} on its own: another producer's push can land in ` +
    `between, and the length would count it. Return the push's own reply (or read the length in ` +
    `the same MULTI or script)`
  );
}

/**
 * Judges one logEvent from what Redis ran for it: a change to the log sent before the push, as
 * a step of its own, lets another call's push land in between and stay.
 */
function changedBeforePush(ran: readonly ExecutedCommand[], event: string): string | undefined {
  const steps = units(ran);
  const push = steps.findIndex((step) => sends(step, event) && writes(step, LOG));
  const early = steps.slice(0, Math.max(push, 0)).find((step) => writes(step, LOG));
  if (early === undefined) return undefined;
  return (
    `logEvent('${event}') changed ${LOG} with ${shown(early)} before its push ` +
    `(${push === -1 ? 'none found' : shown(steps[push])}), as a step of its own: ` +
    `two calls at once can then both cut the log to four and both push, leaving six. ` +
    `Push first, then trim (or do both in one MULTI or script)`
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function blockedClients(redis: Redis): Promise<number> {
  const info = await redis.info('clients');
  return Number(/blocked_clients:(\d+)/.exec(info)?.[1] ?? 0);
}

const checks: CheckList<Exports> = [
  {
    name: 'enqueue adds the task at the tail of queue:<queue>',
    logExecuted: true,
    async run({
      call,
      sandboxClient,
      redis,
      expect,
      random,
      decoys,
      snapshot,
      diff,
      commands,
      executed,
    }) {
      const queue = queueName(random);
      const key = queueKey(queue);
      const [task, ...others] = tasks(random, random.int(6, 7)) as [string, ...string[]];
      // The same task already waits at the head, and the queue grows past the log's five: a
      // queue keeps every task it is given, a second copy too.
      const seeded = [task, ...others];
      await redis.rpush(key, ...seeded);
      // No twin here: code that searches for a name ignoring case may find this queue first,
      // and pass by chance; the next check, on a queue not there yet, meets the twin alone.
      await decoyQueues(decoys, redis, random, queue, false);
      const before = await snapshot();

      await call('enqueue', sandboxClient, queue, task);
      // First, so that a push onto another queue is named as such, not as a task gone missing.
      onlyTouched(expect, diff(before, await snapshot()), [key], `enqueue('${queue}', '${task}')`);
      expect.equal(await redis.type(key), 'list', `TYPE ${key}`);
      expect.equal(
        await redis.lrange(key, 0, -1),
        [...seeded, task],
        `LRANGE ${key} 0 -1 (the queue held ${seeded.length} tasks, ${seeded.join(', ')}, oldest ` +
          `first; ${task} belongs after them, although a copy of it already waits, and no task may leave)`,
      );
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `enqueue('${queue}', '${task}') gave ${key} an expiry (PTTL ${pttl} ms): its tasks would ` +
          `vanish if no worker took them in time. A task waits until a dequeue takes it: push ` +
          `without EXPIRE`,
      );
      // The module's first enqueue, held to the rule the next check holds later calls to: a
      // race's first interleaving runs each module's first call alone, so no race meets it.
      const apart = countedApart(commands(), queue, task);
      expect.ok(apart === undefined, `${apart}`);
      const ranFirst = await executed();

      // A new queue whose name is this one with a space at each end: the name is used as it
      // is, so it is another queue; and a queue its first task creates never expires either.
      const padded = ` ${queue} `;
      const paddedKey = queueKey(padded);
      const [fresh] = tasks(random, 1) as [string];
      const beforeNew = await snapshot();
      await call('enqueue', sandboxClient, padded, fresh);
      const changed = diff(beforeNew, await snapshot());
      const outside = changed.outside([paddedKey]);
      expect.ok(
        outside.length === 0 && (await redis.exists(paddedKey)) === 1,
        `enqueue(${JSON.stringify(padded)}, '${fresh}') must push onto ${JSON.stringify(paddedKey)}, ` +
          `a new queue: its name starts and ends with a space. Instead it ` +
          `${outside.length > 0 ? changed.describe(outside) : 'left that key missing'}. Use the name ` +
          `as it is, spaces included: trimming it pushes onto another queue`,
      );
      expect.equal(
        await redis.lrange(paddedKey, 0, -1),
        [fresh],
        `LRANGE ${JSON.stringify(paddedKey)} 0 -1`,
      );
      const newPttl = await redis.pttl(paddedKey);
      expect.ok(
        newPttl === -1,
        `enqueue(${JSON.stringify(padded)}, '${fresh}') created ${JSON.stringify(paddedKey)} with an ` +
          `expiry (PTTL ${newPttl} ms): a task still waiting then would vanish with it. A task waits ` +
          `until a dequeue takes it: push without EXPIRE, on a new queue too`,
      );

      // A key written and deleted within the call (a lock, a staging list) is gone from the
      // snapshots: what Redis ran shows it.
      const ran = await executed();
      for (const [name, own, slice] of [
        [queue, key, ranFirst],
        [padded, paddedKey, ran.slice(ranFirst.length)],
      ] as const) {
        const elsewhere = writtenElsewhere(slice, own);
        expect.ok(
          elsewhere.length === 0,
          `enqueue(${JSON.stringify(name)}, …) may change only ${JSON.stringify(own)}, even for a ` +
            `moment, but Redis ran for it: ${listed(elsewhere)}. Push with RPUSH onto the queue ` +
            `itself: a lock or a list of your own writes a key other code may own, and RPUSH ` +
            `needs no lock, since Redis runs it whole`,
        );
      }
    },
  },
  {
    name: 'enqueue returns the length of the queue after the push',
    async run({ call, sandboxClient, redis, expect, random, commands, snapshot, diff }) {
      const queue = queueName(random, 1);
      const key = queueKey(queue);
      const [first, second, ...others] = tasks(random, random.int(3, 6)) as [
        string,
        string,
        ...string[],
      ];

      // The same name in lower case is another queue, already holding tasks.
      const twin = queueKey(queue.toLowerCase());
      const twinHeld = await redis.rpush(twin, ...tasks(random, 2));

      const onEmpty = await call('enqueue', sandboxClient, queue, first);
      expect.equal(
        onEmpty,
        1,
        `enqueue('${queue}', '${first}') on an empty queue returned (${twin}, another queue since ` +
          `names are case-sensitive, held ${twinHeld} tasks; it now holds ${await redis.llen(twin)})`,
      );

      // Another producer adds tasks in between: the length must come from Redis, not be counted.
      // A backlog of over a thousand: a queue keeps every task, however many wait (one RPUSH of
      // short tasks, cheap to seed).
      const backlog = Array.from(
        { length: random.int(1_100, 1_200) },
        (_, index) => `${random.pick(JOBS)}-${index}`,
      );
      await redis.rpush(key, ...others, ...backlog);
      const pushedByOther = others.length + backlog.length;
      const length = 1 + pushedByOther + 1;
      const sentBefore = commands().length;
      const before = await snapshot();
      const returned = await call('enqueue', sandboxClient, queue, second);
      const held = await redis.llen(key);
      expect.equal(
        returned,
        length,
        `enqueue('${queue}', '${second}') returned (before it, ${key} held ${length - 1} tasks, ` +
          `${pushedByOther} of them pushed by another client; LLEN ${key} is now ${held})`,
      );
      expect.ok(
        held === length && (await redis.lindex(key, 0)) === first,
        `${key} held ${length - 1} tasks, the oldest ${first}; after enqueue('${queue}', '${second}') ` +
          `it holds ${held}, the oldest now ${JSON.stringify(await redis.lindex(key, 0))}: the push ` +
          `dropped waiting tasks. A task waits until a dequeue takes it, however long the queue: ` +
          `push without trimming`,
      );
      // A long backlog is no reason to write elsewhere (an alert, a counter) or to let it expire.
      onlyTouched(
        expect,
        diff(before, await snapshot()),
        [key],
        `enqueue('${queue}', '${second}') on a queue of ${length - 1} tasks`,
      );
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `enqueue('${queue}', '${second}') gave ${key}, ${length} tasks long, an expiry (PTTL ` +
          `${pttl} ms): a backlog nobody works would vanish, every task in it. A task waits until ` +
          `a dequeue takes it, however many wait: push without EXPIRE`,
      );
      // A later call of the module, judged from what Redis ran (a race shows it only in an
      // interleaving that harms): a count read after the push, in a step of its own, may include
      // another producer's push.
      const apart = countedApart(commands().slice(sentBefore), queue, second);
      expect.ok(apart === undefined, `${apart}`);
    },
  },
  {
    name: 'two enqueues at the same time each return the length their own push made',
    async run({ race, sandboxClient, redis, expect, random }) {
      const queue = queueName(random, 2);
      const key = queueKey(queue);
      const [one, other, ...seeded] = tasks(random, 2 + random.int(0, 3)) as [
        string,
        string,
        ...string[],
      ];
      await race({
        calls: [
          ['enqueue', sandboxClient, queue, one],
          ['enqueue', sandboxClient, queue, other],
        ],
        labels: [`enqueue(${one})`, `enqueue(${other})`],
        setup: async () => {
          if (seeded.length > 0) await redis.rpush(key, ...seeded);
        },
        verify: async (results) => {
          const returned = results.map((result) => result.returned ?? `threw ${result.threw}`);
          const held = await redis.lrange(key, 0, -1);
          const lengths = [seeded.length + 1, seeded.length + 2];
          expect.ok(
            returned.map(String).sort().join() === lengths.map(String).sort().join() &&
              held.length === seeded.length + 2,
            `${key} held ${seeded.length} tasks and two enqueues ran at the same time: one push ` +
              `made the queue ${lengths[0]} long, the other ${lengths[1]}, so they must return ` +
              `${lengths[0]} and ${lengths[1]}; they returned ${returned.join(' and ')}, and the queue ` +
              `holds ${held.join(', ') || 'nothing'}. Take the length from RPUSH's own reply: a count ` +
              `read with another command may already include the other push`,
          );
        },
      });
    },
  },
  {
    name: 'dequeue takes the oldest task, from the head of the list',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, executed }) {
      const queue = queueName(random, 2);
      const key = queueKey(queue);
      const [oldest, next, ...rest] = tasks(random, random.int(3, 5)) as [
        string,
        string,
        ...string[],
      ];
      // A second copy of the oldest task waits further back: it is a task of its own.
      const seeded = [oldest, next, oldest, ...rest];
      await redis.rpush(key, ...seeded);
      await decoyQueues(decoys, redis, random, queue);
      const before = await snapshot();

      const returned = await call('dequeue', sandboxClient, queue);
      onlyTouched(expect, diff(before, await snapshot()), [key], `dequeue('${queue}')`);
      expect.equal(
        returned,
        oldest,
        `dequeue('${queue}') returned (${key} held ${seeded.join(', ')}, oldest first)`,
      );
      expect.equal(
        await redis.lrange(key, 0, -1),
        seeded.slice(1),
        `LRANGE ${key} 0 -1 afterwards (it held ${seeded.join(', ')}: dequeue takes the head ` +
          `and nothing else, not the other copy of ${oldest})`,
      );

      // A second dequeue, judged from what Redis ran for both (a snapshot cannot show a key made
      // and emptied within the call, and a race shows it only in an interleaving that harms).
      const ranBefore = (await executed()).length;
      const second = await call('dequeue', sandboxClient, queue);
      expect.equal(
        second,
        next,
        `a second dequeue('${queue}') (${key} then held ${seeded.slice(1).join(', ')})`,
      );
      const ran = await executed();
      const elsewhere = writtenElsewhere(ran, key);
      expect.ok(
        elsewhere.length === 0,
        `dequeue('${queue}') may change only ${key}, even for a moment, but Redis ran for it: ` +
          `${listed(elsewhere)}. Take the task with LPOP: moving it through a list of your own ` +
          `writes a key other code may own`,
      );
      // Both calls: the first is the module's first dequeue, which a race's first interleaving
      // runs alone, so no race meets a mistake made only there.
      for (const [task, slice] of [
        [oldest, ran.slice(0, ranBefore)],
        [next, ran.slice(ranBefore)],
      ] as const) {
        const steps = units(slice);
        const watched = steps.findIndex(
          (step) => step.commands[0]?.name === 'watch' && step.commands[0].keys.includes(key),
        );
        // Naming the task it took means it read the head first: another worker may have read it too.
        const sentBack = steps.find(
          (step, index) =>
            sends(step, task) &&
            step.commands.some((command) => command.keys.includes(key)) &&
            !(step.transaction && watched !== -1 && watched < index),
        );
        expect.ok(
          sentBack === undefined,
          `dequeue('${queue}') read ${task} at the head, then sent it back to remove it: ` +
            `${shown(sentBack)}. Between the read and the removal another worker can read ` +
            `the same head, and both run the task: take it with one command (LPOP), which reads ` +
            `and removes together`,
        );
      }
    },
  },
  {
    name: 'dequeue takes only from queue:<queue>, never from another queue',
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, commands }) {
      const queue = queueName(random, 1);
      const key = queueKey(queue);
      const others = await decoyQueues(decoys, redis, random, queue);
      const before = await snapshot();

      const returned = await call('dequeue', sandboxClient, queue);
      const changes = diff(before, await snapshot()).outside([key]);
      // A task taken from elsewhere shows as a change; an answer made up for "empty" does not.
      const advice =
        changes.length > 0
          ? "Build the key from the queue's name instead of looking for a queue"
          : "An empty queue's answer is LPOP's null: return it as it is";
      expect.ok(
        returned === null && changes.length === 0,
        `dequeue('${queue}') must answer null, since ${key} is empty, and leave the other queues ` +
          `(${others.map(queueKey).join(', ')}) alone; it returned ${JSON.stringify(returned)}` +
          `${changes.length > 0 ? ` and ${diff(before, await snapshot()).describe(changes)}` : ''}. ` +
          `${advice}; it sent: ${listed(commands())}`,
      );

      // Another producer fills the queue after the empty answer: "empty" is Redis's to say, each
      // time, not something to remember.
      const [arrived] = tasks(random, 1) as [string];
      await redis.rpush(key, arrived);
      const later = await call('dequeue', sandboxClient, queue);
      expect.equal(
        later,
        arrived,
        `dequeue('${queue}') after another client pushed ${arrived} onto ${key} (it had answered ` +
          `null when the queue was empty; read the queue again on every call)`,
      );
    },
  },
  {
    name: 'dequeue answers null at once when the queue is empty, without waiting',
    async run({ call, race, sandboxClient, redis, expect, random, commands }) {
      const queue = queueName(random);
      const key = queueKey(queue);
      const arrives = tasks(random, 1)[0] as string;
      const blockedBefore = await blockedClients(redis);

      let settled = false;
      const pending = call('dequeue', sandboxClient, queue).finally(() => {
        settled = true;
      });
      // Awaited below: a throw meanwhile must not count as a rejection nobody handles, which
      // ends the grader's worker.
      pending.catch(() => {});
      // A blocking pop shows in Redis as a blocked client; a task pushed then releases it, and
      // a dequeue that waits in JavaScript instead returns that task rather than null.
      let waited = false;
      const started = Date.now();
      while (!settled && Date.now() - started < 1_000) {
        if ((await blockedClients(redis)) > blockedBefore) {
          waited = true;
          break;
        }
        await sleep(5);
      }
      const pushed = !settled;
      if (pushed) await redis.rpush(key, arrives);
      const returned = await pending;
      const sent = commands();
      // Blocking pops (BLPOP, BRPOP, BLMOVE, BLMPOP, BRPOPLPUSH, BZPOPMIN…) wait on an empty
      // list, except inside MULTI, where Redis answers them at once as their plain pops.
      const transactions = new Set(
        sent.filter((command) => command.name === 'multi').map((command) => command.batch),
      );
      const blocking = sent.find(
        (command) =>
          /^b[lrz]/.test(command.name) &&
          !(command.batch !== undefined && transactions.has(command.batch)),
      );
      const how = waited
        ? `waited in Redis for a task to arrive, and returned ${JSON.stringify(returned)} once the checks pushed one`
        : pushed
          ? `was still busy a second later, and returned ${JSON.stringify(returned)} after the checks pushed a task`
          : blocking
            ? `returned ${JSON.stringify(returned)}, but it sent ${blocking.name.toUpperCase()}, which waits whenever the queue is empty`
            : `returned ${JSON.stringify(returned)}`;
      expect.ok(
        !pushed && !blocking && returned === null,
        `dequeue('${queue}') on an empty queue must return null straight away; it ${how}. ${
          blocking
            ? `${blocking.name.toUpperCase()} waits for a task, which suits a worker's loop; here an empty queue answers null at once: use LPOP. `
            : ''
        }It sent: ${listed(sent)}`,
      );
      if (!pushed) {
        expect.equal(
          await redis.exists(key),
          0,
          `EXISTS ${key} (dequeue must not create the queue)`,
        );
      }

      // A dequeue that polls in JavaScript for less than the second above settles with null too.
      // In a race its timers fire in virtual time, as steps of their own, so a wait shows
      // whatever its length, and costs the grading nothing.
      await race({
        calls: [['dequeue', sandboxClient, queue]],
        labels: [`dequeue('${queue}')`],
        verify: async ([result], steps) => {
          const timers = steps.filter((step) => step.by === 0 && step.commands.length === 0);
          const reads = steps.filter((step) => step.by === 0 && step.commands.length > 0);
          // Polling back to back sets no timer: it shows as look after look at the queue. One
          // look answers (two, for a count read before the pop).
          const looks = reads.filter((step) =>
            step.commands.some(
              (command) => !/^(un)?watch$/.test(command.name) && command.args.includes(key),
            ),
          );
          expect.ok(
            looks.length <= 2,
            `dequeue('${queue}') on an empty queue looked at ${key} ${looks.length} times before ` +
              `answering ${result.threw === undefined ? JSON.stringify(result.returned) : `(it threw ${result.threw})`}: ` +
              `it kept trying, so a task pushed meanwhile is taken instead of null. Pop once with ` +
              `LPOP and return its answer, null included`,
          );
          expect.ok(
            timers.length === 0 && result.returned === null,
            `dequeue('${queue}') on an empty queue must return null straight away; it ` +
              `${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw ${result.threw}`}` +
              `${timers.length > 0 ? ` only after waiting on a timer ${timers.length} time${timers.length === 1 ? '' : 's'}, with ${reads.length} request${reads.length === 1 ? '' : 's'} to Redis meanwhile: a task pushed while it waits is taken instead of null` : ''}. ` +
              `Pop once with LPOP and return its answer, null included`,
          );
        },
      });
    },
  },
  {
    name: 'dequeues at the same time as other clients never hand out a task twice, nor lose one',
    async run({ race, sandboxClient, redis, expect, random }) {
      const queue = queueName(random, 1);
      const key = queueKey(queue);
      const seeded = tasks(random, random.int(2, 3));
      await race({
        calls: [
          ['dequeue', sandboxClient, queue],
          ['dequeue', sandboxClient, queue],
        ],
        setup: async () => {
          await redis.rpush(key, ...seeded);
        },
        verify: async (results) => {
          const returned = results.map((result) => result.returned ?? `threw ${result.threw}`);
          const left = await redis.lrange(key, 0, -1);
          const oldestTwo = seeded.slice(0, 2);
          expect.ok(
            [...returned].sort().join() === [...oldestTwo].sort().join() &&
              left.join() === seeded.slice(2).join(),
            `${key} held ${seeded.join(', ')} (oldest first) and two dequeues ran at the same ` +
              `time: they must take ${oldestTwo.join(' and ')}, one each, and leave ` +
              `${seeded.slice(2).join(', ') || 'nothing'}; they returned ${returned.map((r) => JSON.stringify(r)).join(' and ')}, ` +
              `and the queue holds ${left.join(', ') || 'nothing'}. Reading the head and removing it ` +
              `in two commands lets both workers read the same task: take it with one command`,
          );
        },
      });

      // A producer pushes while a dequeue empties the queue: its task must wait for the next one.
      const [only, arrived] = tasks(random, 2) as [string, string];
      await race({
        calls: [['dequeue', sandboxClient, queue]],
        labels: [`dequeue('${queue}')`],
        interject: [['RPUSH', key, arrived]],
        setup: async () => {
          await redis.rpush(key, only);
        },
        verify: async ([result]) => {
          const left = await redis.lrange(key, 0, -1);
          expect.ok(
            result.returned === only && left.length === 1 && left[0] === arrived,
            `${key} held ${only} alone, and another client pushed ${arrived} while dequeue ran: ` +
              `dequeue must return ${only} and leave ${arrived} waiting; it ` +
              `${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw ${result.threw}`}, ` +
              `and the queue holds ${left.join(', ') || 'nothing'}. Deleting a queue you saw empty ` +
              `deletes a task pushed since: LPOP alone leaves no empty list behind, Redis removes it`,
          );
        },
      });
    },
  },
  {
    name: 'tasks come out of the queue in the order they went in',
    async run({ call, sandboxClient, expect, random }) {
      const queue = queueName(random, 2);
      const queued = tasks(random, 2);
      // An empty task is a task: only an empty queue answers null. A task with spaces around it
      // comes out as it went in, spaces and all, and so does one outside ASCII, whose UTF-8
      // bytes another decoding would garble, or whose accents are written both ways Unicode
      // allows (one code point, and a letter with a combining accent), which normalising changes.
      const [padded, foreign] = tasks(random, 2) as [string, string];
      queued.splice(random.int(0, queued.length), 0, ` ${padded}\n `);
      queued.splice(random.int(0, queued.length), 0, '');
      queued.splice(random.int(0, queued.length), 0, `${foreign}-café-cafe\u0301-日本-🚀`);
      for (const task of queued) await call('enqueue', sandboxClient, queue, task);
      const taken: (string | null)[] = [];
      for (let i = 0; i <= queued.length; i++)
        taken.push(await call('dequeue', sandboxClient, queue));
      expect.equal(
        taken,
        [...queued, null],
        `${queued.length + 1} dequeue calls after enqueue of ${queued.map((task) => JSON.stringify(task)).join(', ')} ` +
          `(the empty string is a task, returned as "", and a task comes out exactly as it went in, ` +
          `spaces and characters outside ASCII included, never normalised (one é is a single code point, the other e and a ` +
          `combining accent); only the last call finds the queue empty)`,
      );

      // A long task, past the round sizes code might cut a task to (1000 characters, 4 KiB,
      // 64 KiB): it comes out whole. Compared in full, shown by its length and its ends.
      const long = `${random.pick(JOBS)}:${`${random.word(9)} `.repeat(7_000)}${random.word(6)}`;
      await call('enqueue', sandboxClient, queue, long);
      const back = await call('dequeue', sandboxClient, queue);
      const brief = (task: string | null) =>
        task === null
          ? 'null'
          : `${task.length} characters, ${JSON.stringify(task.slice(0, 16))}…${JSON.stringify(task.slice(-12))}`;
      expect.ok(
        back === long,
        `enqueue('${queue}', a task of ${brief(long)}) then dequeue('${queue}') returned ${brief(back)}: ` +
          'a task of any length comes out whole, exactly as it went in. Push it as it is, uncut',
      );
    },
  },
  {
    name: 'logEvent puts the newest event first in events:recent',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff, executed }) {
      const logged = events(random, 3);
      // A key the log must leave alone: logEvent owns events:recent and nothing else.
      const other = `events:${random.word(7)}`;
      await redis.rpush(other, ...events(random, 2));
      const before = await snapshot();
      for (const event of logged) {
        // These are the module's first calls, which a race's first interleaving runs alone: held
        // here to the order of commands the next check holds later calls to.
        const ranBefore = (await executed()).length;
        await call('logEvent', sandboxClient, event);
        const early = changedBeforePush((await executed()).slice(ranBefore), event);
        expect.ok(early === undefined, `${early}`);
      }
      expect.equal(await redis.type(LOG), 'list', `TYPE ${LOG} (none means there is no such key)`);
      expect.equal(
        await redis.lrange(LOG, 0, -1),
        [...logged].reverse(),
        `LRANGE ${LOG} 0 -1 after logEvent of ${logged.map((event) => JSON.stringify(event)).join(', ')}, in that order (each event exactly as given: never trimmed, lower-cased or re-encoded)`,
      );
      const pttl = await redis.pttl(LOG);
      expect.ok(
        pttl === -1,
        `logEvent gave ${LOG} an expiry (PTTL ${pttl} ms): after a quiet spell the dashboard ` +
          `would show no events at all. The log keeps its events until newer ones push them out: ` +
          `push and trim, without EXPIRE`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [LOG], 'logEvent');
    },
  },
  {
    name: 'logEvent keeps only the 5 newest events',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const all = events(random, KEPT + random.int(0, 1));
      const older = all.slice(0, KEPT) as [string, ...string[]]; // already in the log, newest first
      // Events happen again: first the oldest, the one its own push cuts off, then the same
      // again, now the newest, then an earlier newest, whose earlier entry must stay. Each call
      // adds one entry.
      const oldest = older[KEPT - 1] as string;
      const newer = [oldest, oldest, ...all.slice(KEPT), older[0]];
      await redis.rpush(LOG, ...older);
      for (const event of newer) {
        // Later calls of the module, judged from what Redis ran: a trim sent before the push,
        // apart from it, lets another call's push land in between and stay.
        const ranBefore = (await executed()).length;
        await call('logEvent', sandboxClient, event);
        const early = changedBeforePush((await executed()).slice(ranBefore), event);
        expect.ok(early === undefined, `${early}`);
      }
      const expected = [...[...newer].reverse(), ...older].slice(0, KEPT);
      const held = await redis.lrange(LOG, 0, -1);
      expect.equal(
        held,
        expected,
        `LRANGE ${LOG} 0 -1 (it held ${older.join(', ')}, newest first; logEvent then added ` +
          `${newer.join(', ')}, in that order, some of them already in the log: each call adds ` +
          `an entry, and only the ${KEPT} newest entries may stay)`,
      );
      // A full log, cut on every call: the cut is no reason to let it expire, nor to keep what
      // falls off in a key of its own.
      const pttl = await redis.pttl(LOG);
      expect.ok(
        pttl === -1,
        `logEvent gave ${LOG}, once full, an expiry (PTTL ${pttl} ms): after a quiet spell the ` +
          `dashboard would show no events at all. The log keeps its events until newer ones ` +
          `push them out: push and trim, without EXPIRE`,
      );
      const elsewhere = writtenElsewhere(await executed(), LOG);
      expect.ok(
        elsewhere.length === 0,
        `logEvent may change only ${LOG}, but Redis ran for it: ${listed(elsewhere)}. Let the ` +
          `events that fall off go: LTRIM drops them, and any other key may be another ` +
          `program's`,
      );
    },
  },
  {
    name: 'logEvent cuts a log longer than 5 down to the 5 newest',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [event, ...older] = events(random, 1 + KEPT + random.int(2, 5)) as [
        string,
        ...string[],
      ];
      await redis.rpush(LOG, ...older);
      await call('logEvent', sandboxClient, event);
      expect.equal(
        await redis.lrange(LOG, 0, -1),
        [event, ...older].slice(0, KEPT),
        `LRANGE ${LOG} 0 -1 (it held ${older.length} events, more than ${KEPT}, before logEvent('${event}'))`,
      );
    },
  },
  {
    name: 'two logEvents at the same time still leave the 5 newest events',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [one, other, ...older] = events(random, 2 + KEPT) as [string, string, ...string[]];
      await race({
        calls: [
          ['logEvent', sandboxClient, one],
          ['logEvent', sandboxClient, other],
        ],
        labels: [`logEvent(${one})`, `logEvent(${other})`],
        setup: async () => {
          await redis.rpush(LOG, ...older);
        },
        verify: async (results) => {
          const threw = results.find((result) => result.threw !== undefined);
          expect.ok(!threw, `logEvent threw: ${threw?.threw}`);
          const held = await redis.lrange(LOG, 0, -1);
          const newest = held.slice(0, 2).sort().join();
          expect.ok(
            held.length === KEPT &&
              newest === [one, other].sort().join() &&
              held.slice(2).join() === older.slice(0, KEPT - 2).join(),
            `${LOG} held ${older.join(', ')} (newest first) and logEvent('${one}') and ` +
              `logEvent('${other}') ran at the same time; the log must then hold those two, then ` +
              `${older.slice(0, KEPT - 2).join(', ')}, but it holds ${held.join(', ')}. Push first, ` +
              `then trim to the ${KEPT} newest`,
          );
        },
      });
    },
  },
];

export default checks;
