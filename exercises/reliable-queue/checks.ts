import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  enqueue(redis: Redis, job: string): Promise<void>;
  take(redis: Redis, worker: string, timeoutSeconds: number): Promise<string | null>;
  ack(redis: Redis, worker: string, job: string): Promise<boolean>;
  recover(redis: Redis, worker: string): Promise<number>;
}

type Context = CheckContext<Exports>;

const QUEUE = 'queue:jobs';
const processingKey = (worker: string) => `processing:${worker}`;

const KINDS = ['resize', 'email', 'report', 'invoice', 'thumbnail', 'backup'];
/**
 * Timeouts for a take on an empty queue: short, so that waiting them out costs little, and each
 * in thousandths, so that code that rounds it to a tenth or a hundredth sends another timeout
 * (one that waits about as long, so that the check that judges what was sent names it).
 */
const TIMEOUTS = [0.125, 0.175, 0.225];
/** How long after its timeout a take may still be busy before the checks push a job to free it. */
const GRACE_MS = 1_000;
/** A take's timeout on an empty queue where only its end matters: it costs its length. */
const QUICK_TIMEOUT = 0.05;
/** A timeout for takes that must not wait out their timeout: a job is there, or arrives. */
const LONG_TIMEOUT = 1;

/** Commands that can wait in Redis (BRPOPLPUSH among them, though it takes the wrong end). */
const BLOCKING = new Set([
  'blmove',
  'brpoplpush',
  'blpop',
  'brpop',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
]);

const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/**
 * `count` different jobs, so that order mistakes cannot hide behind equal strings. Every other
 * one, the first among them, has capitals, a space at each end and an accent written both ways
 * Unicode allows (é as one code point, and e with a combining accent): code that trims,
 * lower-cases or normalises a job changes it, in every grading. Every job holds letters outside
 * ASCII: code that encodes or decodes a job as latin1 garbles each one.
 */
function jobs(random: Random, count: number): string[] {
  const shapes = [
    () => ` ${capital(random.pick(KINDS))}:${capital(random.word(5))} é-e\u0301 `,
    () => `${random.pick(KINDS)}:${random.word(5)}-日本`,
  ];
  const made = new Set<string>();
  while (made.size < count) made.add((shapes[made.size % shapes.length] as () => string)());
  return [...made];
}

/**
 * `count` different worker names, of several shapes (a capital, a hyphen, digits, a space, a dot,
 * a colon, an accent, one written with a combining accent that normalising would change): code
 * that works only for names of lower-case letters, or that "cleans" a name before it makes the
 * key, fails in every grading, not in some.
 */
function workers(random: Random, count: number): string[] {
  const shapes = [
    () =>
      `${capital(random.word(random.int(4, 7)))}.${random.pick(['é', 'ü', 'ø'])}${random.word(2)}e\u0301-${random.int(1, 99)}`,
    () => `${random.word(random.int(4, 7))} ${random.int(1, 9)}`,
    () => `${random.word(random.int(4, 7))}:${random.word(2)}`,
  ];
  const names = new Set<string>();
  while (names.size < count) names.add((shapes[names.size % shapes.length] as () => string)());
  return [...names];
}

/**
 * Other workers' processing lists, shaped like `like`'s, each holding jobs of its own (and
 * `alsoHolding`, when given): code that searches for `processing:*` meets them.
 */
async function otherWorkers(
  { decoys, redis, random }: Context,
  like: string,
  alsoHolding?: string,
): Promise<string[]> {
  const ids = await decoys(like, random.int(2, 3), (id) =>
    redis.rpush(
      processingKey(id),
      ...jobs(random, 2),
      ...(alsoHolding === undefined ? [] : [alsoHolding]),
    ),
  );
  return ids.map(processingKey);
}

/** The empty job, and a job with a space at an end, show quoted, so that no space vanishes. */
const shown = (list: readonly string[]) =>
  list.length > 0
    ? `[${list.map((job) => (job === '' || job.trim() !== job ? `'${job}'` : job)).join(', ')}]`
    : '[]';

/** A long list in a message: its ends and its size (compare lists in full, never through this). */
const brief = (list: readonly string[]) =>
  list.length > 8
    ? `${shown(list.slice(0, 3)).slice(0, -1)}, …, ${shown(list.slice(-3)).slice(1)} (${list.length} jobs)`
    : shown(list);

async function listsOf(redis: Redis, ...workerNames: string[]): Promise<string> {
  const parts = [`${QUEUE} = ${shown(await redis.lrange(QUEUE, 0, -1))}`];
  for (const worker of workerNames) {
    const key = processingKey(worker);
    parts.push(`${key} = ${shown(await redis.lrange(key, 0, -1))}`);
  }
  return parts.join(', ');
}

/** An argument on one line, cut; a short one with a space at an end (a job) shows quoted. */
const shortArg = (arg: string) => {
  if (arg.length <= 40 && !/[\r\n]/.test(arg) && arg.trim() !== arg) return `'${arg}'`;
  const line = arg.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

function listed(commands: readonly LoggedCommand[], max = 10): string {
  if (commands.length === 0) return 'no commands';
  const lines = commands
    .slice(0, max)
    .map(({ name, args }) =>
      [
        name.toUpperCase(),
        ...args.slice(0, 6).map(shortArg),
        ...(args.length > 6 ? [`… (${args.length} arguments)`] : []),
      ].join(' '),
    );
  return commands.length > max
    ? `${lines.join(', ')}, … (${commands.length} in all)`
    : lines.join(', ');
}

const outcome = (result: RaceOutcome<unknown>) =>
  result.threw === undefined
    ? `returned ${JSON.stringify(result.returned)}`
    : `threw "${result.threw}"`;

const sameList = (actual: readonly string[], expected: readonly string[]) =>
  actual.length === expected.length && actual.every((value, index) => value === expected[index]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface EmptyTake {
  returned: string | null;
  elapsedMs: number;
  /** The jobs the checks pushed to free a take still waiting long after its timeout, if they did. */
  released?: string[];
}

/**
 * Calls take on an empty queue and times it. A take still busy GRACE_MS after its timeout (a
 * timeout in milliseconds, or 0, which waits forever) is freed with `freeWith` jobs (one more
 * for each other take blocked before it, which Redis serves first), so that the check fails
 * with a message rather than running into the call's time limit.
 */
async function takeOnEmptyQueue(
  { call, sandboxClient, redis, random }: Context,
  worker: string,
  timeout: number,
  freeWith = 1,
): Promise<EmptyTake> {
  const started = performance.now();
  let ended: number | undefined;
  const pending = call('take', sandboxClient, worker, timeout).finally(() => {
    ended = performance.now();
  });
  let released: string[] | undefined;
  while (ended === undefined) {
    if (performance.now() - started > timeout * 1000 + GRACE_MS) {
      released = jobs(random, freeWith);
      await redis.rpush(QUEUE, ...released);
      break;
    }
    await sleep(10);
  }
  const returned = await pending;
  const elapsedMs = Math.round((ended ?? performance.now()) - started);
  return { returned, elapsedMs, ...(released === undefined ? {} : { released }) };
}

/** Where a blocking command keeps its timeout: first for BLMPOP and BZMPOP, last otherwise. */
const timeoutOf = ({ name, args }: LoggedCommand) =>
  name === 'blmpop' || name === 'bzmpop' ? args[0] : args[args.length - 1];

/** Commands that move a job from one list to another in one step. */
const MOVES = new Set(['lmove', 'blmove', 'rpoplpush', 'brpoplpush']);

/**
 * The writes in `ran` that a crash or another client can come between: every write but a move,
 * unless a script runs it or it is queued in a MULTI that a WATCH of one of `keys` guards (both
 * atomic).
 * A write of a job read earlier (LPUSH), or a pop and then a push, leaves a job in both lists or
 * in neither for a moment; a DEL drops whatever another client put there meanwhile.
 */
function writesApart(ran: readonly ExecutedCommand[], keys: readonly string[]): ExecutedCommand[] {
  const found: ExecutedCommand[] = [];
  const watched = new Set<number | undefined>();
  const queuing = new Set<number | undefined>();
  for (const command of ran) {
    if (command.script !== undefined) continue;
    const { client, name } = command;
    if (name === 'watch') {
      if (command.keys.some((one) => keys.includes(one))) watched.add(client);
    } else if (name === 'multi') {
      queuing.add(client);
    } else if (name === 'exec' || name === 'discard' || name === 'unwatch') {
      queuing.delete(client);
      watched.delete(client);
    } else if (command.write && !MOVES.has(name) && !(queuing.has(client) && watched.has(client))) {
      found.push(command);
    }
  }
  return found;
}

/** The failure for takes that ran `apart`, writes found by writesApart. */
const takeApart = (what: string, apart: readonly ExecutedCommand[], key: string) =>
  `${what} ran ${listed(apart)}: a write that pops or pushes a job on its own leaves the job in ` +
  `${QUEUE} and ${key} at once, or in neither (only in the worker's memory, lost if it ` +
  'crashes), until the next command; one in a MULTI without WATCH moves a job read before, ' +
  'which another worker may have taken meanwhile. Pop and push with one command: ' +
  `BLMOVE ${QUEUE} ${key} LEFT RIGHT, every time.`;

/** The failure for recovers that ran `apart`, writes found by writesApart. */
const recoverApart = (what: string, apart: readonly ExecutedCommand[], key: string) =>
  `${what} ran ${listed(apart)}: between that write and the next command, a job is in both ` +
  'lists or in neither, or (a DEL) a job that the worker, only slow, took meanwhile is ' +
  `deleted. Move each job with one command, LMOVE ${key} ${QUEUE} RIGHT LEFT, until it ` +
  'answers nil (the last move leaves no key), or move them all in one Lua script; write ' +
  'nothing else.';

/** A script that reads both lists in one step, so that a job cannot slip between two reads. */
const BOTH_LISTS =
  "return {redis.call('LRANGE', KEYS[1], 0, -1), redis.call('LRANGE', KEYS[2], 0, -1)}";

const checks: CheckList<Exports> = [
  {
    name: 'enqueue adds the job at the tail of queue:jobs',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff, executed }) {
      const [job = '', ...waiting] = jobs(random, 1 + random.int(1, 3));
      if (waiting.length > 0) await redis.rpush(QUEUE, ...waiting);
      const before = await snapshot();

      await call('enqueue', sandboxClient, job);
      expect.equal(await redis.type(QUEUE), 'list', `TYPE ${QUEUE} (none: there is no such key)`);
      expect.equal(
        await redis.lrange(QUEUE, 0, -1),
        [...waiting, job],
        `LRANGE ${QUEUE} 0 -1 after enqueue('${job}') (it held ${shown(waiting)}, oldest first; the new job goes after them, exactly as given: not trimmed, re-encoded or normalised, its two é written one as a single code point, the other as e and a combining accent)`,
      );
      // The same job again is a second job, not a repeat to skip.
      await call('enqueue', sandboxClient, job);
      expect.equal(
        await redis.lrange(QUEUE, 0, -1),
        [...waiting, job, job],
        `LRANGE ${QUEUE} 0 -1 after a second enqueue('${job}') (each copy is a job of its own)`,
      );
      const changes = diff(before, await snapshot());
      const others = changes.outside([QUEUE]);
      expect.ok(
        others.length === 0,
        `enqueue may change ${QUEUE} only, but it also ${changes.describe(others)}`,
      );
      // An expiry on the queue deletes every waiting job once nobody enqueues for a while.
      const pttl = await redis.pttl(QUEUE);
      expect.ok(
        pttl === -1,
        `after enqueue, PTTL ${QUEUE} is ${pttl} ms: the queue expires, and every job still ` +
          `waiting in it is lost when it does. Jobs stay until they are taken: set no expiry.`,
      );
      // A cap (LTRIM to the newest N) changes nothing on a short queue, and drops the oldest
      // waiting jobs once the queue is long: any write but the push can only remove or change one.
      const extra = (await executed()).filter(({ write, name }) => write && name !== 'rpush');
      expect.ok(
        extra.length === 0,
        `enqueue ran ${listed(extra)} besides its RPUSH: a write to ${QUEUE} other than the ` +
          `push can only drop or change waiting jobs (LTRIM drops the oldest once the queue is ` +
          `long), and a job leaves the queue only when it is taken. RPUSH the job, and nothing else.`,
      );
    },
  },
  {
    name: 'take moves the oldest job to the tail of processing:<worker> and returns it',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff, executed } = context;
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      // The worker already holds a job or two: the new one goes after them.
      const heldCount = random.int(1, 2);
      const all = jobs(random, heldCount + random.int(2, 4));
      const held = all.slice(0, heldCount);
      const queued = all.slice(heldCount);
      await redis.rpush(QUEUE, ...queued);
      await redis.rpush(key, ...held);
      await otherWorkers(context, worker);
      const before = await snapshot();

      const returned = await call('take', sandboxClient, worker, LONG_TIMEOUT);
      const state = await listsOf(redis, worker);
      expect.equal(
        returned,
        queued[0],
        `take('${worker}', ${LONG_TIMEOUT}) returned (${QUEUE} held ${shown(queued)}, oldest first; now ${state})`,
      );
      expect.equal(await redis.type(key), 'list', `TYPE ${key} (none: there is no such key)`);
      expect.equal(
        await redis.lrange(key, 0, -1),
        [...held, queued[0]],
        `LRANGE ${key} 0 -1 (it held ${shown(held)}; the job taken goes at the tail, after the jobs taken before it, in the list named with the worker's name exactly as given: not trimmed, cleaned or normalised, its accent after the letters written as e and a combining accent)`,
      );
      expect.equal(
        await redis.lrange(QUEUE, 0, -1),
        queued.slice(1),
        `LRANGE ${QUEUE} 0 -1 (it held ${shown(queued)}; take removes the oldest job, at the head)`,
      );
      const changes = diff(before, await snapshot());
      const others = changes.outside([QUEUE, key]);
      expect.ok(
        others.length === 0,
        `take('${worker}') may change ${QUEUE} and ${key} only, but it also ${changes.describe(others)}`,
      );
      // A worker's list that expires loses the jobs of a worker nobody has recovered yet.
      for (const list of [key, QUEUE]) {
        const pttl = await redis.pttl(list);
        expect.ok(
          pttl === -1,
          `after take('${worker}'), PTTL ${list} is ${pttl} ms: the list expires, and the jobs ` +
            `in it are lost when it does, even those of a worker that died and waits for ` +
            `recover. Set no expiry: a job leaves ${key} only by ack or recover.`,
        );
      }
      // The module's first take, judged from what Redis ran: a race's first interleaving runs
      // the calls one after another, so code careless on its first call only meets no race.
      const apart = writesApart(await executed(), [key]);
      expect.ok(apart.length === 0, takeApart(`take('${worker}')`, apart, key));
    },
  },
  {
    name: 'take on an empty queue waits about timeoutSeconds, then returns null',
    async run(context) {
      const { random, expect, snapshot, diff, commands } = context;
      const [worker = ''] = workers(random, 1);
      const timeout = random.pick(TIMEOUTS);
      await otherWorkers(context, worker);
      const before = await snapshot();

      const { returned, elapsedMs, released } = await takeOnEmptyQueue(context, worker, timeout);
      const what = `take('${worker}', ${timeout}) on an empty ${QUEUE}`;
      expect.ok(
        released === undefined,
        `${what} was still waiting ${GRACE_MS} ms after its ${timeout}-second timeout; the checks ` +
          `then pushed ${shown(released ?? [])} and it returned ${JSON.stringify(returned)}. Redis reads the ` +
          `timeout of a blocking command in seconds, fractions allowed: pass ${timeout} as it is ` +
          `(not ${timeout * 1000}; 0 waits forever). It sent: ${listed(commands())}`,
      );
      expect.ok(
        elapsedMs >= timeout * 1000 - 30,
        `${what} returned ${JSON.stringify(returned)} after ${elapsedMs} ms: it must wait up to ` +
          `${timeout * 1000} ms for a job to arrive before it gives up. Wait inside Redis with a ` +
          `blocking command, BLMOVE, rather than answering at once. It sent: ${listed(commands())}`,
      );
      expect.equal(returned, null, `${what} returned, after ${elapsedMs} ms`);
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `${what} that timed out must change nothing, but it ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'take waits inside Redis, with one blocking command given timeoutSeconds',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, random, expect, commands, executed, clients } = context;
      const [worker = '', idle = '', other = ''] = workers(random, 3);
      const timeout = random.pick(TIMEOUTS);

      /** Fails unless `sent`, what one take on an empty queue sent, is one blocking command given `seconds`. */
      const judge = (what: string, sent: readonly LoggedCommand[], seconds: number) => {
        const blocking = sent.filter(({ name }) => BLOCKING.has(name));
        expect.ok(
          blocking.length > 0,
          `${what} sent no blocking command (${listed(sent)}): it waited in JavaScript, if at all. ` +
            `A job that arrives during a pause in JavaScript waits for the pause to end, and a loop ` +
            `that asks again and again floods Redis. BLMOVE waits inside Redis, and answers the ` +
            `moment a job arrives.`,
        );
        expect.ok(
          blocking.length === 1 && sent.length <= 3,
          `${what} sent ${sent.length} commands, ${blocking.length} of them blocking: ${listed(sent)}. ` +
            `One BLMOVE with the whole timeout waits as long as needed: no loop is needed around it.`,
        );
        const [command] = blocking as [LoggedCommand];
        const given = timeoutOf(command);
        expect.ok(
          Math.abs(Number(given) - seconds) < 0.0005,
          `${what} sent ${listed([command])}: its timeout is ${given}, where timeoutSeconds is ` +
            `${seconds}. Redis reads it in seconds, and takes a fraction since 6.0: pass ` +
            `timeoutSeconds as it is: not in milliseconds, not rounded, not capped.`,
        );
      };

      await takeOnEmptyQueue(context, worker, timeout);
      judge(`take('${worker}', ${timeout}) on an empty ${QUEUE}`, commands(), timeout);

      // A whole-second timeout too, as an idle worker passes, cut short by a job so that it costs
      // little: long enough that a cap on the wait (at 5 s, a minute, an hour or a day) shows.
      // The job is pushed once take blocks, so that a take that tries LMOVE first still reaches
      // its blocking command; code that never blocks gets it after a while.
      const seconds = random.int(86_401, 172_800);
      const [job = ''] = jobs(random, 1);
      const already = commands().length;
      const started = performance.now();
      let done = false;
      // Settled before the check judges anything, so that a failure never leaves it running.
      let failed: { error: unknown } | undefined;
      const pending = call('take', sandboxClient, idle, seconds)
        .catch((error: unknown) => {
          failed = { error };
          return null;
        })
        .finally(() => {
          done = true;
        });
      const blocked = () =>
        commands()
          .slice(already)
          .some(({ name }) => BLOCKING.has(name));
      while (!done && !blocked() && performance.now() - started < 300) await sleep(5);

      // While it blocks, another worker's take of the same module, on a client of its own, must
      // wait its own short timeout and no more: a take that blocks a connection its calls share
      // waits there behind the first one's blocking command.
      let during: EmptyTake | undefined;
      const from = commands().length;
      let to = from;
      try {
        if (!done && blocked()) {
          during = await takeOnEmptyQueue(context, other, QUICK_TIMEOUT, 2);
          to = commands().length;
        }
      } finally {
        await redis.rpush(QUEUE, job);
        await pending;
      }
      if (failed) throw failed.error;
      // Each take's commands, without those that name the other's list.
      const own = (sent: readonly LoggedCommand[], not: string) =>
        sent.filter(({ args }) => !args.includes(processingKey(not)));
      judge(
        `take('${idle}', ${seconds}) on an empty ${QUEUE}, until the checks pushed ${shown([job])}`,
        own([...commands().slice(already, from), ...commands().slice(to)], other),
        seconds,
      );
      expect.ok(
        during?.released === undefined,
        `take('${other}', ${QUICK_TIMEOUT}) on an empty ${QUEUE}, called while ` +
          `take('${idle}', ${seconds}) of the same module was waiting for a job, was still ` +
          `waiting ${GRACE_MS} ms after its ${QUICK_TIMEOUT}-second timeout; the checks then ` +
          `pushed ${shown(during?.released ?? [])} and it returned ` +
          `${JSON.stringify(during?.returned)}. It sent ` +
          `${listed(own(commands().slice(from, to), idle))}. Each worker passes a client of its ` +
          `own: a take that blocks another connection, one its calls share, waits there behind ` +
          `the other take's blocking command. Block the client take is given.`,
      );
      // A timeout shorter than a tenth of a second is a timeout all the same: sent as given, not
      // raised to a floor nor rounded.
      if (during !== undefined) {
        judge(
          `take('${other}', ${QUICK_TIMEOUT}) on an empty ${QUEUE}`,
          own(commands().slice(from, to), idle),
          QUICK_TIMEOUT,
        );
      }

      // Later takes of the module, judged from what Redis ran: code careful on its first call
      // only shows here whatever the order, and in a race only in an interleaving that harms.
      const keys = [worker, idle, other].map(processingKey);
      const apart = writesApart(await executed(), keys);
      expect.ok(
        apart.length === 0,
        takeApart(`take('${worker}') and take('${idle}')`, apart, keys[0] as string),
      );
      // Each call is lent a client; any other is one take made itself.
      const calls = during === undefined ? 2 : 3;
      const leaked = clients().filter(({ closed }) => !closed).length - calls;
      expect.ok(
        leaked <= 0,
        `${calls} takes left ${leaked} client${leaked > 1 ? 's' : ''} of their own open (a ` +
          `duplicate() to block on, say): each take leaks a connection, until Redis refuses ` +
          `more. Block the client take is given; a client take makes must be closed before it ` +
          'returns.',
      );
    },
  },
  {
    name: 'take receives a job pushed while it waits',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      // Two jobs arrive in one push, and the worker already holds one: a take that waits on the
      // wrong end of either list shows it.
      const [earlier = '', job = '', next = ''] = jobs(random, 3);
      await race({
        calls: [['take', sandboxClient, worker, LONG_TIMEOUT]],
        labels: [`take(${worker}, ${LONG_TIMEOUT})`],
        setup: async () => {
          await redis.rpush(key, earlier);
        },
        // Pushed by the checks before take, or while it waits: either way take must get the oldest.
        interject: [['RPUSH', QUEUE, job, next]],
        verify: async ([result]) => {
          const held = await redis.lrange(key, 0, -1);
          const queue = await redis.lrange(QUEUE, 0, -1);
          expect.ok(
            result.returned === job && sameList(held, [earlier, job]) && sameList(queue, [next]),
            `${QUEUE} was empty and ${key} held ${shown([earlier])} when take('${worker}', ` +
              `${LONG_TIMEOUT}) began, and the checks pushed ${shown([job, next])} within its ` +
              `${LONG_TIMEOUT}-second timeout: take must move the oldest, ${job}, to the tail of ` +
              `${key} and return it, leaving ${shown([next])} queued. It ${outcome(result)}, and ` +
              `Redis holds ${await listsOf(redis, worker)}. A take that answers null at once, or ` +
              `that looks again only after a pause of its own, misses the job; BRPOPLPUSH takes ` +
              `the newest. BLMOVE ${QUEUE} ${key} LEFT RIGHT waits inside Redis and is handed ` +
              `the oldest job as it arrives.`,
          );
        },
      });
    },
  },
  {
    name: 'jobs come out in the order they went in, and recovered jobs before newer ones',
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, expect, executed }) {
      const [first = '', second = '', third = ''] = workers(random, 3);
      // The empty string is a job too: taken, it must come back as '', not as null.
      const [a, b, c, e] = jobs(random, 4) as [string, string, string, string];
      const d = '';
      const queued = [a, b, c, d, e];
      for (const job of queued) await call('enqueue', sandboxClient, job);

      const taken = [
        await call('take', sandboxClient, first, LONG_TIMEOUT),
        await call('take', sandboxClient, first, LONG_TIMEOUT),
        await call('take', sandboxClient, second, LONG_TIMEOUT),
      ];
      expect.equal(
        taken,
        [a, b, c],
        `take by ${first}, ${first}, then ${second}, after enqueue of ${shown(queued)}`,
      );
      expect.equal(await call('ack', sandboxClient, first, a), true, `ack('${first}', '${a}')`);
      const before = (await executed()).length;
      const recovered = await call('recover', sandboxClient, first);
      expect.equal(
        recovered,
        1,
        `recover('${first}'), after ${first} took ${a} and ${b} and acknowledged ${a}`,
      );
      // The module's first recover, judged from what Redis ran, as later ones are: a race's
      // first interleaving runs the calls one after another, so no race meets it.
      const key = processingKey(first);
      const apart = writesApart((await executed()).slice(before), [key]);
      expect.ok(apart.length === 0, recoverApart(`recover('${first}')`, apart, key));
      const again = [
        await call('take', sandboxClient, third, LONG_TIMEOUT),
        await call('take', sandboxClient, third, LONG_TIMEOUT),
      ];
      expect.equal(
        again,
        [b, d],
        `two takes by ${third} after ${b} was recovered (it was queued before '' and ${e}, so it ` +
          `comes first; '' is a job like any other, and take returns it as '', not null)`,
      );
      expect.equal(
        await call('ack', sandboxClient, third, d),
        true,
        `ack('${third}', '') after ${third} took ${b} and '' (the empty job is acknowledged like any other)`,
      );
      const state = await listsOf(redis, first, second, third);
      const expected = `${QUEUE} = ${shown([e])}, ${processingKey(first)} = [], ${processingKey(second)} = ${shown([c])}, ${processingKey(third)} = ${shown([b])}`;
      expect.equal(state, expected, 'the lists afterwards');
    },
  },
  {
    name: 'two workers taking at the same time never get the same job, and lose none',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [one = '', other = ''] = workers(random, 2);
      const queued = jobs(random, random.int(2, 4));
      await race({
        calls: [
          ['take', sandboxClient, one, LONG_TIMEOUT],
          ['take', sandboxClient, other, LONG_TIMEOUT],
        ],
        labels: [`take(${one})`, `take(${other})`],
        setup: async () => {
          await redis.rpush(QUEUE, ...queued);
        },
        verify: async ([mine, theirs]) => {
          const heldByOne = await redis.lrange(processingKey(one), 0, -1);
          const heldByOther = await redis.lrange(processingKey(other), 0, -1);
          const queue = await redis.lrange(QUEUE, 0, -1);
          const oldestTwo = queued.slice(0, 2);
          const returned = [mine.returned, theirs.returned];
          expect.ok(
            typeof mine.returned === 'string' &&
              typeof theirs.returned === 'string' &&
              mine.returned !== theirs.returned &&
              oldestTwo.includes(mine.returned) &&
              oldestTwo.includes(theirs.returned) &&
              sameList(heldByOne, [mine.returned]) &&
              sameList(heldByOther, [theirs.returned]) &&
              sameList(queue, queued.slice(2)),
            `${QUEUE} held ${shown(queued)} and ${one} and ${other} took a job at the same time: ` +
              `they must get ${oldestTwo.join(' and ')}, one each, each in its own list, and leave ` +
              `${shown(queued.slice(2))} queued. take(${one}) ${outcome(mine)}, take(${other}) ` +
              `${outcome(theirs)}, and Redis holds ${await listsOf(redis, one, other)}. ` +
              `${returned[0] === returned[1] ? 'Both got the same job: ' : ''}Reading a job, then ` +
              `moving it in another command, lets another worker move it in between: take and move ` +
              `it with one command.`,
          );
        },
      });
    },
  },
  {
    name: "a job being taken is always in exactly one list, never only in the worker's memory",
    async run({ race, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);

      /** Fails at the first read of both lists that found one of `jobs` in neither, or in both. */
      const inOnePlace = (
        steps: readonly RaceStepView[],
        expectedJobs: readonly string[],
        when: string,
      ) => {
        const expected = [...expectedJobs].sort().join('\n');
        for (const step of steps) {
          if (step.by !== 'grader' || step.commands[0]?.name !== 'eval') continue;
          if (!step.reply || !('value' in step.reply)) continue;
          const [queue = [], held = []] = step.reply.value as [string[], string[]];
          const seen = [...queue, ...held];
          const missing = expectedJobs.filter((job) => !seen.includes(job));
          const twice = expectedJobs.filter((job) => seen.filter((one) => one === job).length > 1);
          expect.ok(
            [...seen].sort().join('\n') === expected,
            `While take('${worker}') ran ${when}, the checks read both lists at once and found ` +
              `${QUEUE} = ${shown(queue)} and ${key} = ${shown(held)}: ${
                missing.length > 0
                  ? `${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} in neither list, only in the worker's memory. ` +
                    'Had the worker crashed at that moment, the job would be lost for good'
                  : `${twice.join(', ')} ${twice.length > 1 ? 'were' : 'was'} in both lists at once, so another worker could take it too`
              }. Pop the job and push it with one command: BLMOVE (or LMOVE when a job is there).`,
          );
        }
      };

      const queued = jobs(random, random.int(2, 3));
      await race({
        calls: [['take', sandboxClient, worker, LONG_TIMEOUT]],
        labels: [`take(${worker})`],
        // The checks look at both lists, in one step, before, during and after the take.
        interject: [['EVAL', BOTH_LISTS, '2', QUEUE, key]],
        setup: async () => {
          await redis.rpush(QUEUE, ...queued);
        },
        verify: async ([result], steps) => {
          inOnePlace(steps, queued, `with ${QUEUE} = ${shown(queued)}`);
          expect.ok(
            result.returned === queued[0] &&
              sameList(await redis.lrange(key, 0, -1), [queued[0] as string]) &&
              sameList(await redis.lrange(QUEUE, 0, -1), queued.slice(1)),
            `${QUEUE} held ${shown(queued)}; take('${worker}') must move ${queued[0]} to ${key} ` +
              `and return it; it ${outcome(result)}, and Redis holds ${await listsOf(redis, worker)}`,
          );
        },
      });

      // On an empty queue too: the job that arrives while take waits must go straight into the
      // worker's list, not through the worker's memory.
      const [arriving = ''] = jobs(random, 1);
      await race({
        calls: [['take', sandboxClient, worker, LONG_TIMEOUT]],
        labels: [`take(${worker}, ${LONG_TIMEOUT})`],
        interject: [
          ['RPUSH', QUEUE, arriving],
          ['EVAL', BOTH_LISTS, '2', QUEUE, key],
        ],
        verify: async ([result], steps) => {
          inOnePlace(steps, [arriving], `on an empty ${QUEUE}, and the checks pushed ${arriving}`);
          expect.ok(
            result.returned === arriving &&
              sameList(await redis.lrange(key, 0, -1), [arriving]) &&
              (await redis.exists(QUEUE)) === 0,
            `${QUEUE} was empty, and the checks pushed ${arriving} while take('${worker}') ` +
              `waited: take must move it to ${key} and return it; it ${outcome(result)}, and ` +
              `Redis holds ${await listsOf(redis, worker)}`,
          );
        },
      });
    },
  },
  {
    name: 'ack removes the job from processing:<worker> only, and returns true',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff, executed } = context;
      const [worker = '', lone = ''] = workers(random, 2);
      const key = processingKey(worker);
      const [job = '', ...others] = jobs(random, 1 + random.int(2, 4));
      const split = random.int(0, others.length);
      const held = [...others.slice(0, split), job, ...others.slice(split)];
      await redis.rpush(key, ...held);
      // Another copy of the job waits in the queue, and other workers hold it too: not theirs.
      await redis.rpush(QUEUE, ...jobs(random, 1), job);
      await otherWorkers(context, worker, job);
      const before = await snapshot();

      const returned = await call('ack', sandboxClient, worker, job);
      expect.equal(returned, true, `ack('${worker}', '${job}') with ${key} = ${shown(held)}`);
      expect.equal(
        await redis.lrange(key, 0, -1),
        others,
        `LRANGE ${key} 0 -1 after ack('${worker}', '${job}') (it held ${shown(held)})`,
      );
      const changes = diff(before, await snapshot());
      const outside = changes.outside([key]);
      expect.ok(
        outside.length === 0,
        `ack('${worker}', '${job}') may change ${key} only (the copies of ${job} in ${QUEUE} and ` +
          `in other workers' lists are other jobs), but it also ${changes.describe(outside)}`,
      );
      // An expiry on the worker's list loses the jobs it still holds if the worker then dies
      // and nobody recovers it in time.
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `after ack('${worker}', '${job}'), PTTL ${key} is ${pttl} ms: the list expires, and the ` +
          `jobs still in it, ${shown(others)}, are lost when it does, even those of a worker ` +
          `that died and waits for recover. Set no expiry: LREM the job, and nothing else.`,
      );

      // The last job a worker holds: its ack empties the list, which Redis then removes by
      // itself. A DEL of the list "now that it is empty", sent apart from the LREM, deletes a
      // job the worker takes in between.
      const loneKey = processingKey(lone);
      const [last = ''] = jobs(random, 1);
      await redis.rpush(loneKey, last);
      expect.equal(
        await call('ack', sandboxClient, lone, last),
        true,
        `ack('${lone}', '${last}') with ${loneKey} = ${shown([last])}`,
      );
      expect.equal(
        await redis.exists(loneKey),
        0,
        `EXISTS ${loneKey} after ack('${lone}', '${last}') took its only job`,
      );
      const apart = writesApart(await executed(), [key, loneKey]).filter(
        ({ name }) => name !== 'lrem',
      );
      expect.ok(
        apart.length === 0,
        `ack ran ${listed(apart)} besides its LREM: a write of the worker's list apart from the ` +
          'LREM lets a take or a recover come in between, and then changes or drops a job it ' +
          'did not mean (a DEL "of the emptied list" deletes a job the worker took meanwhile). ' +
          'LREM the job and nothing else: a list LREM empties is gone already, Redis removes ' +
          'empty lists itself.',
      );
    },
  },
  {
    name: 'ack of a job held twice removes one copy, the one taken first',
    async run({ call, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      const [job = '', ...others] = jobs(random, 1 + random.int(2, 3));
      const between = others.slice(0, -1);
      const last = others.slice(-1);
      const held = [job, ...between, job, ...last];
      await redis.rpush(key, ...held);

      const acks = [await call('ack', sandboxClient, worker, job)];
      expect.equal(
        await redis.lrange(key, 0, -1),
        [...between, job, ...last],
        `LRANGE ${key} 0 -1 after ack('${worker}', '${job}') (it held ${shown(held)}: remove one copy, the one nearest the head)`,
      );
      acks.push(await call('ack', sandboxClient, worker, job));
      acks.push(await call('ack', sandboxClient, worker, job));
      expect.equal(
        acks,
        [true, true, false],
        `three acks of ${job}, which ${worker} held twice (${key} = ${shown(held)}), returned`,
      );
      expect.equal(
        await redis.lrange(key, 0, -1),
        others,
        `LRANGE ${key} 0 -1 after the three acks of ${job}`,
      );
    },
  },
  {
    name: 'ack of a job the worker does not hold returns false and changes nothing',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff } = context;
      const [worker = ''] = workers(random, 1);
      const stranger = random.id(worker);
      const [job = '', ...others] = jobs(random, 1 + random.int(1, 3));
      await redis.rpush(processingKey(worker), ...others);
      await redis.rpush(QUEUE, job, ...jobs(random, 1));
      await otherWorkers(context, worker, job);
      const before = await snapshot();

      const acked = await call('ack', sandboxClient, worker, job);
      expect.equal(
        acked,
        false,
        `ack('${worker}', '${job}') with ${processingKey(worker)} = ${shown(others)}`,
      );
      const withoutList = await call('ack', sandboxClient, stranger, job);
      expect.equal(
        withoutList,
        false,
        `ack('${stranger}', '${job}') when ${processingKey(stranger)} does not exist`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `an ack of a job the worker does not hold must change nothing (${job} also waits in ` +
          `${QUEUE} and is held by other workers: those copies are not this worker's), but the ` +
          `two acks ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: "recover puts the worker's jobs back at the head of queue:jobs, in the order taken",
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff, executed } = context;
      const [base = ''] = workers(random, 1);
      // A name with every glob character, and live workers whose keys match the pattern made of
      // it unescaped, or escaped only in part (* and ? but not [ or \): code that finds the
      // key with SCAN MATCH or KEYS misses it, and recovers those workers' jobs instead.
      const [pair, last] = [random.word(2), random.word(1)];
      const worker = `${base}*?[${pair}]\\${last}`;
      const key = processingKey(worker);
      const lookAlikes = [
        `${base}${random.word(2)}${pair.charAt(0)}${last}`,
        `${base}*?${pair.charAt(1)}${last}`,
      ];
      // More jobs than a loop or a script capped at 10 or 50 moves: every job goes back. (A cap
      // in the thousands, or unpack() failing near 8000 jobs, would take that many LMOVEs of
      // the solution to show, seconds in every grading: left alone.) The empty job among them
      // is a job like any other, not the end of the list.
      const count = random.int(60, 70);
      // Jobs wait in the queue too: with none, the head and the tail are the same place.
      const all = jobs(random, count - 1 + random.int(1, 3));
      const held = all.slice(0, count - 1);
      held.splice(random.int(0, held.length - 1), 0, '');
      const waiting = all.slice(count - 1);
      // A recover before the one judged, on an empty sandbox: code careful on a module's first
      // call only shows in the second, judged from what Redis ran.
      await call('recover', sandboxClient, random.id(worker));
      await redis.rpush(key, ...held);
      if (waiting.length > 0) await redis.rpush(QUEUE, ...waiting);
      for (const lookAlike of lookAlikes) {
        await redis.rpush(processingKey(lookAlike), ...jobs(random, 2));
      }
      await otherWorkers(context, worker);
      const before = await snapshot();

      const moved = await call('recover', sandboxClient, worker);
      const state = `${QUEUE} = ${brief(await redis.lrange(QUEUE, 0, -1))}, ${key} = ${brief(await redis.lrange(key, 0, -1))}`;
      expect.equal(
        await redis.lrange(QUEUE, 0, -1),
        [...held, ...waiting],
        `LRANGE ${QUEUE} 0 -1 after recover('${worker}') (${key} held ${brief(held)}, oldest ` +
          `first, and ${QUEUE} ${shown(waiting)}: the recovered jobs go in front, in the order ` +
          `they were taken)`,
      );
      expect.equal(await redis.exists(key), 0, `EXISTS ${key} after recover (${state})`);
      expect.equal(
        moved,
        held.length,
        `recover('${worker}') returned (it moved ${brief(held)}; '' is a job like any other)`,
      );
      const changes = diff(before, await snapshot());
      const outside = changes.outside([QUEUE, key]);
      expect.ok(
        outside.length === 0,
        `recover('${worker}') may change ${QUEUE} and ${key} only, but it also ` +
          `${changes.describe(outside)}. Name the worker's key; other workers are alive.`,
      );
      // An expiry on the queue deletes every waiting job once nobody enqueues for a while.
      const pttl = await redis.pttl(QUEUE);
      expect.ok(
        pttl === -1,
        `after recover('${worker}'), PTTL ${QUEUE} is ${pttl} ms: the queue expires, and every ` +
          `job waiting in it, the recovered ones too, is lost when it does. Move the jobs and ` +
          `set no expiry: a job leaves ${QUEUE} only when it is taken.`,
      );
      const apart = writesApart(await executed(), [key]);
      expect.ok(
        apart.length === 0,
        recoverApart(`recover, called on an empty sandbox and then for '${worker}',`, apart, key),
      );
    },
  },
  {
    name: 'recover of a worker with no jobs returns 0 and changes nothing',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff } = context;
      const [worker = ''] = workers(random, 1);
      await redis.rpush(QUEUE, ...jobs(random, random.int(1, 3)));
      await otherWorkers(context, worker);
      const before = await snapshot();

      const moved = await call('recover', sandboxClient, worker);
      expect.equal(moved, 0, `recover('${worker}') when ${processingKey(worker)} does not exist`);
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `recover('${worker}') of a worker with no jobs must change nothing, but it ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'recover keeps each job in exactly one list at every moment',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      const [arriving = '', ...held] = jobs(random, random.int(2, 3) + 1);
      const expected = [...held].sort().join('\n');
      await race({
        calls: [['recover', sandboxClient, worker]],
        labels: [`recover(${worker})`],
        // The queue is empty when recover begins, and a job arrives in it before, during or
        // after: code that takes the empty queue for its own to overwrite (RENAME) loses that
        // job. Then the checks look at both lists, in one step.
        interject: [
          ['RPUSH', QUEUE, arriving],
          ['EVAL', BOTH_LISTS, '2', QUEUE, key],
        ],
        setup: async () => {
          await redis.rpush(key, ...held);
        },
        verify: async ([result], steps) => {
          for (const step of steps) {
            if (step.by !== 'grader' || step.commands[0]?.name !== 'eval') continue;
            if (!step.reply || !('value' in step.reply)) continue;
            const [queue = [], kept = []] = step.reply.value as [string[], string[]];
            const seen = [...queue, ...kept].filter((job) => job !== arriving);
            const missing = held.filter((job) => !seen.includes(job));
            const twice = held.filter((job) => seen.filter((one) => one === job).length > 1);
            expect.ok(
              [...seen].sort().join('\n') === expected,
              `While recover('${worker}') ran (${key} held ${shown(held)}, and ${QUEUE} was ` +
                `empty until the checks pushed ${shown([arriving])}), the checks read both lists ` +
                `at once and found ${QUEUE} = ${shown(queue)} and ${key} = ${shown(kept)}: ${
                  missing.length > 0
                    ? `${shown(missing)} ${missing.length > 1 ? 'were' : 'was'} in neither list, only in the memory of the ` +
                      'process running recover. Had it crashed at that moment, the jobs would be lost'
                    : `${shown(twice)} ${twice.length > 1 ? 'were' : 'was'} in both lists at once, so it could be taken twice`
                }. Move each job with one command, LMOVE ${key} ${QUEUE} RIGHT LEFT, or move them ` +
                'all in one Lua script.',
            );
          }
          const queue = await redis.lrange(QUEUE, 0, -1);
          expect.ok(
            result.returned === held.length &&
              sameList(queue, [...held, arriving]) &&
              (await redis.exists(key)) === 0,
            `${key} held ${shown(held)} and ${QUEUE} was empty; the checks pushed ` +
              `${shown([arriving])} onto ${QUEUE} while recover('${worker}') ran. recover must ` +
              `move every job back in front of it and return ${held.length}; it ` +
              `${outcome(result)}, and Redis holds ${await listsOf(redis, worker)}.${
                queue.includes(arriving)
                  ? ''
                  : ` ${shown([arriving])} is lost: recover wrote over ${QUEUE}, seen empty a ` +
                    'moment before (RENAME, or a DEL and a push). Push the jobs in front of what ' +
                    `the queue holds: LMOVE ${key} ${QUEUE} RIGHT LEFT, one job at a time, or ` +
                    'all in one Lua script.'
              }`,
          );
        },
      });
    },
  },
  {
    name: 'two recovers of the same worker at the same time put each job back once',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      const all = jobs(random, random.int(2, 3) + 1);
      const held = all.slice(1);
      const waiting = all.slice(0, 1);
      await race({
        calls: [
          ['recover', sandboxClient, worker],
          ['recover', sandboxClient, worker],
        ],
        labels: [`recover(${worker}) #1`, `recover(${worker}) #2`],
        setup: async () => {
          await redis.rpush(key, ...held);
          await redis.rpush(QUEUE, ...waiting);
        },
        verify: async ([one, other]) => {
          const queue = await redis.lrange(QUEUE, 0, -1);
          const counts = [one.returned, other.returned];
          expect.ok(
            typeof one.returned === 'number' &&
              typeof other.returned === 'number' &&
              one.returned + other.returned === held.length &&
              sameList(queue, [...held, ...waiting]) &&
              (await redis.exists(key)) === 0,
            `${key} held ${shown(held)} and ${QUEUE} ${shown(waiting)}; two recovers of ` +
              `${worker} ran at the same time. Each job must go back once, so ${QUEUE} ends as ` +
              `${shown([...held, ...waiting])}, and the counts must add up to ${held.length}. ` +
              `The recovers ${outcome(one)} and ${outcome(other)}, and Redis holds ` +
              `${await listsOf(redis, worker)}. ${
                counts.every((count) => count === held.length)
                  ? 'Both counted every job: a list read, then written back in other commands, ' +
                    'can be read by both before either deletes it. Move each job with one command, ' +
                    'or do the whole move in one Lua script.'
                  : 'Count the jobs each recover actually moved (LMOVE answers nil once the list ' +
                    'is empty), not a length read before the other recover took its share.'
              }`,
          );
        },
      });
    },
  },
  {
    name: 'an ack during recover: an acknowledged job never goes back to the queue',
    async run({ race, sandboxClient, redis, random, expect }) {
      const [worker = ''] = workers(random, 1);
      const key = processingKey(worker);
      const all = jobs(random, random.int(2, 3) + random.int(0, 1));
      const held = all.slice(0, Math.max(2, all.length - 1));
      const waiting = all.slice(held.length);
      const acked = random.pick(held);
      await race({
        calls: [
          ['recover', sandboxClient, worker],
          ['ack', sandboxClient, worker, acked],
        ],
        labels: [`recover(${worker})`, `ack(${worker}, ${acked})`],
        setup: async () => {
          await redis.rpush(key, ...held);
          if (waiting.length > 0) await redis.rpush(QUEUE, ...waiting);
        },
        verify: async ([recovered, ack]) => {
          const queue = await redis.lrange(QUEUE, 0, -1);
          const ackedFirst = ack.returned === true;
          const back = ackedFirst ? held.filter((job) => job !== acked) : held;
          expect.ok(
            typeof ack.returned === 'boolean' &&
              recovered.returned === back.length &&
              sameList(queue, [...back, ...waiting]) &&
              (await redis.exists(key)) === 0,
            `${key} held ${shown(held)} and ${QUEUE} ${shown(waiting)}; recover(${worker}) and ` +
              `ack(${worker}, ${acked}) ran at the same time. ${
                ack.returned === undefined
                  ? `The ack ${outcome(ack)}.`
                  : ackedFirst
                    ? `The ack returned true, so ${acked} was done and must not go back: ${QUEUE} must end as ${shown([...back, ...waiting])} and recover return ${back.length}.`
                    : `The ack returned false, so recover moved ${acked} back: ${QUEUE} must end as ${shown([...back, ...waiting])} and recover return ${back.length}.`
              } recover ${outcome(recovered)}, and Redis holds ${await listsOf(redis, worker)}. ` +
              `A job must move back in the same command that takes it out of ${key}, and recover ` +
              `must count the jobs it moved, not the jobs it saw before.`,
          );
        },
      });
    },
  },
];

export default checks;
