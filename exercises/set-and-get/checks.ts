import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  main(redis: Redis): Promise<string | null>;
}

const KEY = 'weather';
const VALUE = 'sunny';

/** Commands that run other commands: the commands they ran are judged, not they. */
const RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** Commands that search the keyspace instead of naming a key. */
const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

/**
 * A value weather could have held before main ran: never the one main must store, and longer,
 * so that code which writes over it in place (SETRANGE) leaves its tail behind.
 */
function oldWeather(random: Random): string {
  return random.pick(['cloudy', 'stormy', 'drizzle', 'freezing', random.word(7)]);
}

/** Commands that reach another database than the one main was given. */
const OTHER_DATABASES = new Set(['select', 'move', 'swapdb', 'flushall']);

/** What one of main's reads of weather in a race answered, and at which step. */
interface Read {
  at: number;
  value: unknown;
  /** Whether a script answered it: its reply need not be what the GET inside it answered. */
  script: boolean;
}

/**
 * What main did in a race, step by step: its reads of weather (a GET's reply, the reply to a GET
 * queued in a transaction, a script's), and the steps where it stored sunny under weather.
 */
function traced(steps: readonly RaceStepView[]): { reads: Read[]; stores: number[] } {
  const isGet = (command: LoggedCommand) => command.name === 'get' && command.args[0] === KEY;
  const isStore = (command: LoggedCommand) =>
    !RUNNERS.has(command.name) && command.args[0] === KEY && command.args.slice(1).includes(VALUE);
  // getBuffer's reply is bytes; main returns them as text.
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString() : value);
  // A script counts when it names weather (in its keys or its source), or when main sent no GET
  // of its own, so that its read is in a script: one that only echoes an argument beside a GET
  // read nothing.
  const ownGet = steps.some(({ by, commands }) => by === 0 && commands.some(isGet));
  const reads: Read[] = [];
  const stores: number[] = [];
  const transaction = (
    queued: readonly LoggedCommand[],
    at: number,
    reply: RaceStepView['reply'],
  ) => {
    if (!reply || 'error' in reply) return;
    if (queued.some(isStore)) stores.push(at);
    const index = queued.findLastIndex(isGet);
    const entry = (reply.value as unknown[] | null)?.[index];
    if (index < 0 || entry === undefined || entry instanceof Error) return;
    // ioredis answers [error, value] pairs for a multi(), the bare values for an EXEC sent alone.
    if (!Array.isArray(entry)) reads.push({ at, value: text(entry), script: false });
    else if (!entry[0]) reads.push({ at, value: text(entry[1]), script: false });
  };
  // A MULTI sent on its own (multi({ pipeline: false })): its commands are only queued, each
  // answered QUEUED, until the EXEC runs them.
  let queued: LoggedCommand[] | undefined;
  for (const [at, { by, commands, reply }] of steps.entries()) {
    const [first] = commands;
    if (by !== 0 || !first) continue;
    if (commands.length === 1 && first.name === 'multi') queued = [];
    else if (queued && commands.length === 1 && ['exec', 'discard'].includes(first.name)) {
      if (first.name === 'exec') transaction(queued, at, reply);
      queued = undefined;
    } else if (queued) queued.push(...commands);
    else if (first.name === 'multi') transaction(commands.slice(1, -1), at, reply);
    else {
      if (commands.some(isStore) && reply && !('error' in reply)) stores.push(at);
      const script =
        RUNNERS.has(first.name) && (!ownGet || first.args.some((arg) => arg.includes(KEY)));
      if (commands.length === 1 && reply && 'value' in reply && (isGet(first) || script)) {
        reads.push({ at, value: text(reply.value), script: !isGet(first) });
      }
    }
  }
  return { reads, stores };
}

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ');
    return command.script ? `${text} (in a script)` : text;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** What main ran to find keys instead of naming weather. */
function searchesIn(ran: readonly ExecutedCommand[]): ExecutedCommand[] {
  return ran.filter((command) => SEARCHES.has(command.name));
}

/** What main ran that reaches another key than weather, or another database. */
function elsewhereIn(ran: readonly ExecutedCommand[]): ExecutedCommand[] {
  return ran.filter(
    (command) =>
      OTHER_DATABASES.has(command.name) ||
      (command.name === 'copy' && command.args.some((arg) => arg.toLowerCase() === 'db')) ||
      (command.write && !RUNNERS.has(command.name) && command.keys.some((key) => key !== KEY)),
  );
}

const checks: CheckList<Exports> = [
  {
    name: 'weather holds the string sunny after main, whatever it held before',
    // First in the list, so that its calls are the module's first of the grading: code careless
    // on its first calls only meets here the rules the later checks hold later calls to (see the
    // end). A race's first interleaving runs the call alone, on a fresh module, and judges no
    // command it ran.
    logExecuted: true,
    async run({ call, sandboxClient, redis, executed, expect, random }) {
      // What Redis ran for each call, and the state weather was in before it.
      const calls: { when: string; ran: readonly ExecutedCommand[] }[] = [];
      const runMain = async (when: string) => {
        const done = calls.reduce((count, { ran }) => count + ran.length, 0);
        try {
          await call('main', sandboxClient);
        } finally {
          calls.push({ when, ran: (await executed()).slice(done) });
        }
      };
      const expectNoTtl = async (before: string) => {
        const ttl = await redis.pttl(KEY);
        expect.ok(
          ttl === -1,
          `after main ran, when ${before}, ${KEY} expires in ${ttl} ms: sunny is kept for good. A plain SET drops whatever expiry the key had (KEEPTTL keeps it); set none of your own.`,
        );
      };
      // First with no weather at all, then with an old value to replace, which had an expiry.
      await runMain(`${KEY} did not exist`);
      expect.equal(
        await redis.exists(KEY),
        1,
        `EXISTS ${KEY} after main ran, when ${KEY} did not exist before (1 means the key is there; Redis holds: ${await keysHeld(redis)}; a SET with XX writes only over an existing key)`,
      );
      expect.equal(await redis.type(KEY), 'string', `TYPE ${KEY}`);
      expect.equal(await redis.get(KEY), VALUE, `GET ${KEY} after main ran`);
      await expectNoTtl(`${KEY} did not exist before`);

      const old = oldWeather(random);
      const oldTtl = random.int(100, 900);
      await redis.set(KEY, old, 'EX', oldTtl);
      await runMain(`${KEY} held '${old}'`);
      const held = await redis.get(KEY);
      const why =
        held === old
          ? `${KEY} still holds '${old}', what the check stored there before main ran: main did not replace it (a SET with NX keeps an existing value; Redis holds: ${await keysHeld(redis)})`
          : `${KEY} held '${old}' before main ran`;
      expect.equal(held, VALUE, `GET ${KEY} after main ran again (${why})`);
      await expectNoTtl(`${KEY} held '${old}' with ${oldTtl} s to live`);

      // sunny already there, with an expiry: a write that spares what looks unchanged keeps it.
      const sunnyTtl = random.int(100, 900);
      await redis.set(KEY, VALUE, 'EX', sunnyTtl);
      await runMain(`${KEY} held 'sunny'`);
      expect.equal(await redis.get(KEY), VALUE, `GET ${KEY} after main ran, when it held sunny`);
      await expectNoTtl(`${KEY} already held 'sunny' with ${sunnyTtl} s to live`);

      // A hash: SET replaces a value of any type, while GETSET and SET … GET refuse one that is
      // not a string, and store nothing.
      const hashTtl = random.int(100, 900);
      await redis.del(KEY);
      await redis.hset(KEY, 'sky', oldWeather(random), 'wind', random.word());
      await redis.expire(KEY, hashTtl);
      const before = `${KEY} held a hash with ${hashTtl} s to live`;
      try {
        await runMain(`${KEY} held a hash`);
      } catch (error) {
        if ((error as { reason?: unknown }).reason !== 'learner-error') throw error;
        expect.ok(
          false,
          `main threw when ${before}: ${(error as Error).message}. Redis holds a ${await redis.type(KEY)} under ${KEY} after it. A plain SET replaces a value of any type; a command that takes weather for a string first (GET, GETSET, SET with the GET option) refuses a hash.`,
        );
      }
      expect.equal(await redis.type(KEY), 'string', `TYPE ${KEY} after main ran, when ${before}`);
      expect.equal(await redis.get(KEY), VALUE, `GET ${KEY} after main ran, when ${before}`);
      await expectNoTtl(before);

      // The rules of "main reads weather by its name…" and "main changes no key but weather". One
      // that every call here breaks is left to the check about it, which says more; one that
      // only some break belongs to code careless on some calls only, which that check's single
      // later call may not meet.
      const rules = [
        {
          broken: searchesIn,
          instead: `You know the key's name: GET ${KEY} reads it at once, while KEYS and SCAN walk through every key in the database.`,
        },
        {
          broken: elsewhereIn,
          instead: `main may write only ${KEY}, in the database it was given: even where another key is missing here, other code may own it.`,
        },
      ];
      for (const { broken, instead } of rules) {
        const found = calls.map(({ ran }) => broken(ran));
        const at = found.findIndex((commands) => commands.length > 0);
        const careful = found.findIndex((commands) => commands.length === 0);
        const one = calls[at];
        const other = calls[careful];
        expect.ok(
          !one || !other,
          `main's call when ${one?.when} (the ${['first', 'second', 'third', 'fourth'][at]} of the grading) made Redis run ${listed(found[at] ?? [])}, which its call when ${other?.when} did not; all it ran then: ${listed(one?.ran ?? [])}. Every call of main is held to the same rules, its first as much as any: ${instead}`,
        );
      }
    },
  },
  {
    name: 'main returns what GET weather answered',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const old = oldWeather(random);
      await redis.set(KEY, old);
      const returned = await call('main', sandboxClient);
      const held = await redis.get(KEY);
      expect.ok(
        held !== null,
        `Redis holds nothing under ${KEY} after main ran (Redis holds: ${await keysHeld(redis)}): store it first`,
      );
      expect.equal(
        returned,
        held,
        `what main returned, compared with GET ${KEY} after it ran (${KEY} held '${old}' before main wrote it: read it after the write)`,
      );

      // Another client deletes weather, then writes it, while main runs, at every point between
      // its commands: when that lands between main's write and its GET, only a reply read from
      // Redis says so (nil after the delete, the other value after the write); before a write
      // that stores only a missing key, that write meets the other client's value. Capitals and
      // spaces: a reply tidied up on its way out is not what GET answered. The delete comes first
      // so that the write lands last too; two commands also give the module more interleavings,
      // so that code which trusts its writes after a few calls meets a changed value.
      // Each with a place whose ü is one character and whose è is an e and a combining accent
      // (U+0300): a reply decoded as anything but UTF-8, or normalized (NFC or NFD), is not what
      // GET answered.
      const place = ' (Zürich, Gene\u0300ve)';
      const other = random.pick([
        `Light rain${place}`,
        `Hail, then sun${place}`,
        `SLEET${place} `,
        ` Misty${place}`,
      ]);
      const answer = (value: unknown) => (value === null ? 'nil' : `'${String(value)}'`);
      const shown = (step: RaceStepView | undefined) =>
        (step?.commands ?? [])
          .map((command) => [command.name.toUpperCase(), ...command.args].join(' '))
          .join('; ');
      // A script's source on one line, and not all of a long one.
      const cut = (text: string) => {
        const line = text.replace(/\s+/g, ' ').trim();
        return line.length > 80 ? `${line.slice(0, 79)}…` : line;
      };
      await race({
        calls: [['main', sandboxClient]],
        labels: ['main(redis)'],
        setup: async () => {
          await redis.set(KEY, old);
        },
        interject: [
          ['DEL', KEY],
          ['SET', KEY, other],
        ],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `main threw: ${result.threw}`);
          const { reads, stores } = traced(steps);
          const mine = steps.findIndex(({ by }) => by === 0);
          const grader = steps.flatMap(({ by }, at) => (by === 'grader' ? [at] : []));
          const did = (at: number | undefined) =>
            at !== undefined && steps[at]?.commands[0]?.name === 'del'
              ? `deleted ${KEY}`
              : `stored '${other}' under ${KEY}`;
          const held = await redis.get(KEY);

          const lastStore = stores.at(-1);
          if (lastStore !== undefined && grader.every((at) => at < lastStore)) {
            expect.ok(
              held === VALUE,
              `another client ${did(grader.at(-1))} before main's ${shown(steps[lastStore])}, and after main ran ${KEY} holds ${answer(held)}: main's write left the other client's value. Store sunny whether the key exists or not: a plain SET replaces any value (NX writes only a missing key).`,
            );
          }

          // A script's reply is its own, not necessarily what the GET inside it answered. When
          // nothing wrote weather after the script, that GET answered what weather holds now.
          const read = reads.at(-1);
          const lastToTouch =
            read !== undefined &&
            steps
              .slice(read.at + 1)
              .every(
                ({ by, commands }) =>
                  by === 0 &&
                  commands.every((command) => !command.write && !RUNNERS.has(command.name)),
              );
          if (read?.script && lastToTouch) {
            expect.ok(
              read.value === held,
              `main's script (${cut(shown(steps[read.at]))}) answered ${answer(read.value)}, but when it ran ${KEY} held ${answer(held)}, as it still does: a GET in that script answered ${answer(held)}. Return what GET answered, unchanged (in a script, return GET's reply itself).`,
            );
          }

          // Once its GET has shown another client's value, main must return it, not store sunny
          // over it again and read back its own. Stores inside a script are not in the steps:
          // weather changing after that GET, with no other client writing, shows them.
          const firstStore = stores[0];
          const seen = reads.find(
            ({ at, value }) => firstStore !== undefined && at >= firstStore && value !== VALUE,
          );
          const again = seen && stores.find((at) => at > seen.at);
          const changedSince =
            seen !== undefined && grader.every((at) => at < seen.at) && held !== seen.value;
          if (seen && (again !== undefined || changedSince)) {
            expect.ok(
              false,
              `main's GET ${KEY} answered ${answer(seen.value)}, because another client changed ${KEY} after main stored sunny; then main stored sunny again (${again !== undefined ? shown(steps[again]) : `after it, ${KEY} holds ${answer(held)}`}), over the other client's value. Store sunny once, and return what GET answered.`,
            );
          }

          if (!read) return; // "main reads weather back with GET after writing it" says so
          // GET's answer is that of the first read after main's last write: a read sent again
          // (after a nil, say) answers something else.
          const answered =
            (lastStore === undefined ? undefined : reads.find(({ at }) => at >= lastStore)) ?? read;
          const before = grader.filter((at) => at < answered.at).at(-1);
          const between = before !== undefined && mine >= 0 && mine < before;
          const returnedText = result.returned;
          const notes = [
            between
              ? ` (another client ${did(before)} between main's commands: main must return GET's answer, not the value it wrote)`
              : '',
            answered !== read
              ? `; main read ${KEY} again after that GET answered ${answer(answered.value)}: return that answer, nil included (a SET is seen at once by the next command, there is nothing to wait for)`
              : '',
            typeof returnedText === 'string' &&
            typeof answered.value === 'string' &&
            returnedText !== answered.value &&
            returnedText.normalize('NFC') === answered.value.normalize('NFC')
              ? '; the two differ only in how their accents are composed: return the reply as it is, not normalized'
              : typeof returnedText === 'string' &&
                  typeof answered.value === 'string' &&
                  returnedText === Buffer.from(answered.value).toString('latin1')
                ? '; the reply is UTF-8 text, decoded here as latin1: decode it as UTF-8 (toString() with no encoding), or use get'
                : '',
          ];
          expect.equal(
            result.returned,
            answered.value,
            `what main returned, compared with what its GET ${KEY} answered${notes.join('')}`,
          );
        },
      });

      // Another client stores the empty string: when that lands between main's write and its GET,
      // GET answers '', a value like any other, and main returns it.
      await race({
        calls: [['main', sandboxClient]],
        labels: ['main(redis)'],
        setup: async () => {
          await redis.set(KEY, old);
        },
        interject: [['SET', KEY, '']],
        verify: async ([result], steps) => {
          if (result.threw !== undefined) return;
          const { reads, stores } = traced(steps);
          const lastStore = stores.at(-1);
          const answered =
            (lastStore === undefined ? undefined : reads.find(({ at }) => at >= lastStore)) ??
            reads.at(-1);
          if (answered?.value !== '') return;
          expect.equal(
            result.returned,
            '',
            `what main returned when its GET ${KEY} answered '' (another client stored the empty string under ${KEY} between main's write and its GET): return GET's answer as it is, the empty string too, not null or sunny`,
          );
        },
      });
    },
  },
  {
    name: 'main reads weather back with GET after writing it',
    logExecuted: true,
    async run({ call, sandboxClient, redis, executed, expect, random }) {
      // sunny already there, with an expiry: code that skips a write it takes for a no-op
      // reads back a value it did not store, and keeps the expiry.
      const ttl = random.int(100, 900);
      await redis.set(KEY, VALUE, 'EX', ttl);
      await call('main', sandboxClient);
      const ran = await executed();
      const touchesKey = (command: ExecutedCommand) => command.keys.includes(KEY);
      const isGet = (command: ExecutedCommand) => command.name === 'get' && touchesKey(command);
      // A write as Redis flags it: a PTTL or TYPE after the GET only reads.
      const lastWrite = ran.findLastIndex(
        (command) => command.write && touchesKey(command) && !RUNNERS.has(command.name),
      );
      const reads = ran.filter(isGet);
      expect.ok(
        reads.length > 0,
        `main must read ${KEY} back with GET ${KEY} and return its answer, but Redis ran ${listed(ran)}. A GET sent on its own, in a MULTI transaction, a pipeline or a Lua script all count.`,
      );
      expect.ok(
        lastWrite >= 0,
        `main read ${KEY} but never wrote it, when ${KEY} already held 'sunny' with ${ttl} s to live; Redis ran: ${listed(ran)}. Store sunny every time: a plain SET also drops the old expiry.`,
      );
      expect.ok(
        ran.slice(lastWrite + 1).some(isGet),
        `main sent GET ${KEY} only before writing ${KEY}, so its answer is not the value just stored; Redis ran: ${listed(ran)}. Write first, then GET.`,
      );
    },
  },
  {
    name: 'main reads weather by its name, without searching for keys',
    logExecuted: true,
    async run({ call, sandboxClient, redis, decoys, executed, expect, random }) {
      await decoys(KEY, 2, (id) => redis.set(id, oldWeather(random)));
      await call('main', sandboxClient);
      const ran = await executed();
      const searches = searchesIn(ran);
      expect.ok(
        searches.length === 0,
        `main looked keys up with ${listed(searches)}; Redis ran: ${listed(ran)}. You know the key's name: GET ${KEY} reads it at once, while KEYS and SCAN walk through every key in the database.`,
      );
    },
  },
  {
    name: 'main changes no key but weather',
    logExecuted: true,
    async run({ call, sandboxClient, redis, snapshot, diff, decoys, executed, expect, random }) {
      // Look-alikes of the key, and a key that differs only by case: not main's to touch.
      await decoys(KEY, 3, (id) => redis.set(id, oldWeather(random)));
      await redis.set('Weather', oldWeather(random));
      // An old value under weather itself: code that keeps it elsewhere before replacing it
      // writes another key.
      await redis.set(KEY, oldWeather(random));
      const before = await snapshot();
      await call('main', sandboxClient);
      const after = await snapshot();
      const changes = diff(before, after);
      const outside = changes.outside([KEY]);
      expect.ok(
        outside.length === 0,
        `main may change only ${KEY}, but it also ${changes.describe(outside)}.`,
      );
      // Keys that were not there to change, and other databases, which a snapshot does not show.
      const ran = await executed();
      const elsewhere = elsewhereIn(ran);
      expect.ok(
        elsewhere.length === 0,
        `main may write only ${KEY}, in the database it was given, but Redis ran ${listed(elsewhere)} for it (all it ran: ${listed(ran)}). Even where such a key is missing here, other code may own it: write ${KEY} alone.`,
      );
    },
  },
];

export default checks;
