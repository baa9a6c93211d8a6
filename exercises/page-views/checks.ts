import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  recordView(redis: Redis, page: string): Promise<number>;
  countViews(redis: Redis, pages: string[]): Promise<number[]>;
  claimName(redis: Redis, name: string, userId: string): Promise<boolean>;
}

const CLAIM_SECONDS = 600;
/** Views in a row by one module in the INCR check, past the few the other checks make. */
const BUSY_VIEWS = 10;
/** Pages in the MGET check: more than code that splits its MGETs into 50s or 100s sends in one. */
const DASHBOARD_PAGES = 120;

const viewsKey = (page: string) => `views:${page}`;
const nameKey = (name: string) => `username:${name}`;

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Page names as a site has them, not only plain words: a path with slashes, capitals, a space
 * and a final `/`; an accent, a `%`, a query string, a `#` fragment and spaces at both ends. Code
 * that encodes, trims, slugifies, lower-cases or "normalises" the page (drops what follows `?` or
 * `#`) then misses views:<page>. The first two shapes carry all of these, so that recordView's
 * first check, which views two pages, meets every one in every grading; a list of pages takes
 * the shapes in turn.
 */
const PAGE_SHAPES: ((random: Random) => string)[] = [
  (random) =>
    `/${random.word(4)}/${capital(random.word(random.int(4, 7)))} ${random.word(random.int(3, 6))}/`,
  (random) =>
    ` ${random.word(random.int(3, 6))}é-${random.word(2)}e\u0301-100%?ref=${random.word(3)}#${random.word(4)} `,
  (random) => random.word(random.int(5, 8)),
  (random) => `${capital(random.word(4))} ${random.word(random.int(3, 6))}`,
];

/** `count` different page names, so that no two pages share a key. */
function pageNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const shape = PAGE_SHAPES[names.size % PAGE_SHAPES.length] ?? ((r: Random) => r.word());
    names.add(shape(random));
  }
  return [...names];
}

/** A username with capitals and digits, as people pick them: code that lower-cases it misses. */
const userName = (random: Random) =>
  `${capital(random.word(random.int(3, 7)))}${random.int(1, 99)}`;

/**
 * A username with every trait that code which encodes, slugifies, trims or takes for a handle
 * changes: an `@` at the start, a space, an accent (one as one character, one as an o and a
 * combining U+0308, which normalizing changes), a `/` and a space at the end.
 */
const oddUserName = (random: Random) =>
  `@${capital(random.word(random.int(3, 6)))} ${random.word(3)}ëo\u0308/${random.int(1, 99)} `;

const userId = (random: Random) => String(random.int(10_000, 99_999));

/** Ids that are not plain numbers, kept as given: a leading zero, letters and an underscore. */
const zeroLedId = (random: Random) => `0${random.int(100, 9999)}`;
const wordId = (random: Random) => `u_${random.int(1, 999)}`;
/** An id with spaces at both ends, as a form may send it: code that trims it stores another id. */
const spacedId = (random: Random) => ` ${wordId(random)} `;

/** Two different user ids. */
function twoUsers(random: Random): [string, string] {
  const first = userId(random);
  let second = userId(random);
  while (second === first) second = userId(random);
  return [first, second];
}

/** An argument as typed into redis-cli: quoted when it has spaces, so that spaces at its ends show. */
const quoted = (arg: string) => (/[\s"]/.test(arg) || arg === '' ? JSON.stringify(arg) : arg);

/** The mark the command log puts in place of the arguments past its 50th: `…70 more`. */
const CUT = /^…(\d+) more$/;

/** How many arguments a logged command had, the ones the log cut included. */
const argCount = (command: LoggedCommand) => {
  const last = command.args.at(-1) ?? '';
  const cut = CUT.exec(last);
  return cut ? command.args.length - 1 + Number(cut[1]) : command.args.length;
};

/** A command as typed into redis-cli, arguments with spaces quoted. */
const show = (command: LoggedCommand) =>
  [
    command.name.toUpperCase(),
    ...command.args.slice(0, 8).map((arg) => (CUT.test(arg) ? arg : quoted(arg))),
    ...(command.args.length > 8 ? [`… (${argCount(command)} arguments)`] : []),
  ].join(' ');

/** A list of pages for a message: a long one by its first few and its length. */
const pagesShown = (pages: readonly string[]) =>
  pages.length <= 8
    ? JSON.stringify(pages)
    : `[${pages
        .slice(0, 3)
        .map((page) => JSON.stringify(page))
        .join(', ')}, … ${pages.length} pages]`;

/**
 * What each of several calls made in a row ran, given how many commands had been sent after each
 * (`commands().length`): a sent command starts its entries and a script's commands follow their
 * call, so the sent commands counted tell where each call's entries begin.
 */
function perCall(
  all: readonly ExecutedCommand[],
  sentAfter: readonly number[],
): ExecutedCommand[][] {
  const calls: ExecutedCommand[][] = sentAfter.map(() => []);
  let sent = 0;
  let index = 0;
  for (const command of all) {
    if (command.script === undefined) {
      sent += 1;
      while (index < sentAfter.length - 1 && sent > (sentAfter[index] ?? 0)) index += 1;
    }
    calls[index]?.push(command);
  }
  return calls;
}

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'nothing';
  const shown = commands
    .slice(0, 12)
    .map((command) =>
      command.script ? `${show(command)} (inside ${command.script})` : show(command),
    );
  return commands.length > 12 ? `${shown.join('; ')}; …` : shown.join('; ');
}

/**
 * Commands that only carry others: a transaction's brackets and the calls that run a script.
 * What a script runs is listed after its call, so nothing is hidden by leaving these out.
 */
const CARRIERS = new Set([
  'multi',
  'exec',
  'eval',
  'evalsha',
  'eval_ro',
  'evalsha_ro',
  'fcall',
  'fcall_ro',
  'script',
]);

const INCREMENTS = new Set(['incr', 'incrby', 'incrbyfloat']);
const EXPIRY_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT']);

/**
 * What Redis ran for the learner that did some work: no brackets, no script calls. A script's
 * TIME is left out too: it writes nothing and reads no key, and a script has no other clock for
 * an EXAT or PXAT of "600 seconds from now".
 */
const work = (executed: readonly ExecutedCommand[]) =>
  executed.filter(
    (command) =>
      !CARRIERS.has(command.name) && !(command.script !== undefined && command.name === 'time'),
  );

/** Whether a call's commands were one INCR (or INCRBY) of `key` and nothing else. */
const incremented = (ran: readonly ExecutedCommand[], key: string) => {
  const [only, ...rest] = work(ran);
  return (
    rest.length === 0 && only !== undefined && INCREMENTS.has(only.name) && only.args[0] === key
  );
};

/** Whether a call's commands were one MGET of exactly the keys `keys` (each once or more). */
const readAtOnce = (ran: readonly ExecutedCommand[], keys: readonly string[]) => {
  const [only, ...rest] = work(ran);
  if (rest.length > 0 || only?.name !== 'mget') return false;
  const wanted = new Set(keys);
  const shown = only.args.filter((arg) => !CUT.test(arg));
  // Past its 50th argument the log keeps only how many there were: the keys it shows must be
  // the pages', and there must be as many as the distinct pages at least.
  return (
    shown.every((arg) => wanted.has(arg)) &&
    argCount(only) >= wanted.size &&
    (shown.length < only.args.length || new Set(shown).size === wanted.size)
  );
};

/** Whether a call's commands were one SET of `key` carrying NX and an expiry, and nothing else. */
const claimedAtOnce = (ran: readonly ExecutedCommand[], key: string) => {
  const [only, ...rest] = work(ran);
  if (rest.length > 0 || only?.name !== 'set' || only.args[0] !== key) return false;
  const options = only.args.slice(2).map((arg) => arg.toUpperCase());
  return options.includes('NX') && options.some((option) => EXPIRY_OPTIONS.has(option));
};

/**
 * Other pages' counters beside the learner's, so that code which searches (KEYS views:*) or
 * touches more than its own key shows in a diff.
 */
async function otherCounters(
  decoys: CheckContext<Exports>['decoys'],
  redis: Redis,
  random: Random,
  like: string,
): Promise<string[]> {
  return decoys(like, 3, (page) => redis.set(viewsKey(page), random.int(1, 5000)));
}

const checks: CheckList<Exports> = [
  // The first check of each function makes the grading's first call of it, and judges what Redis
  // ran for that call by the rule later calls are held to: code careless on a first call only
  // ("nothing else runs yet") is met by no race, whose first interleaving runs the calls one
  // after another. Code careless on every call is left to the checks that show why.
  {
    name: 'recordView adds one to views:<page> and returns the new count',
    logExecuted: true,
    async run({
      call,
      sandboxClient,
      redis,
      commands,
      executed,
      expect,
      random,
      decoys,
      snapshot,
      diff,
    }) {
      const [page = 'home', fresh = 'blog'] = pageNames(random, 2);
      const key = viewsKey(page);
      const freshKey = viewsKey(fresh);
      const before = random.int(20, 900);
      await redis.set(key, before);
      await otherCounters(decoys, redis, random, page);
      // The empty page name is a page like any other, whose counter is views: (and has views).
      const blankKey = viewsKey('');
      const blankBefore = random.int(1, 50);
      await redis.set(blankKey, blankBefore);
      const start = await snapshot();

      /** What the calls wrote besides the counters, for a message about a key left unchanged. */
      const strayKeys = async () => {
        const stray = diff(start, await snapshot()).outside([key, freshKey, blankKey]);
        return stray.length === 0
          ? ''
          : `; it wrote ${stray.map((change) => quoted(change.key)).join(', ')} instead: use ` +
              'the page exactly as given, every character of it, in the key (not normalized: an ' +
              'accent may be one character or a letter and a combining mark)';
      };
      const expectCount = async (counterKey: string, count: number, what: string) => {
        const held = await redis.get(counterKey);
        if (held !== String(count)) {
          expect.equal(
            held,
            String(count),
            `GET ${quoted(counterKey)} ${what}${await strayKeys()}`,
          );
        }
      };

      const returned = await call('recordView', sandboxClient, page);
      const sentAfter = [commands().length];
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      await expectCount(key, before + 1, `(it held ${before} before recordView('${page}'))`);
      expect.equal(returned, before + 1, `the number recordView('${page}') returned`);

      // Other servers' views land between two of this server's: the second view must still add
      // one in Redis and return Redis's count, not one kept in JavaScript.
      // A busy site: past 2^32 views, which code squeezing the count into 32 bits (| 0, ~~,
      // >>> 0) gets wrong.
      const others = 2 ** 32 + random.int(2, 9);
      await redis.incrby(key, others);
      const again = await call('recordView', sandboxClient, page);
      sentAfter.push(commands().length);
      const total = before + 1 + others + 1;
      await expectCount(
        key,
        total,
        `after a second recordView('${page}'), with ${others} views from other servers (INCRBY ` +
          `by the check) in between: every view goes to Redis, with INCR, as it happens`,
      );
      expect.equal(
        again,
        total,
        `the number the second recordView('${page}') returned (${others} views from other ` +
          'servers came in between: return the count INCR answers' +
          (again === (total | 0) || again === total >>> 0
            ? `; past 2^32 views, | 0, ~~ and >>> 0 keep only the low 32 bits of ${total}: return the number as INCR answers it`
            : '') +
          ')',
      );

      const first = await call('recordView', sandboxClient, fresh);
      sentAfter.push(commands().length);
      await expectCount(freshKey, 1, 'after the first view of a page that had no counter');
      expect.equal(first, 1, `the number recordView('${fresh}') returned for a first view`);

      const blank = await call('recordView', sandboxClient, '');
      sentAfter.push(commands().length);
      await expectCount(
        blankKey,
        blankBefore + 1,
        `after recordView(''): the empty page name is a page too, whose counter is ${blankKey}`,
      );
      expect.equal(
        blank,
        blankBefore + 1,
        `the number recordView('') returned (${blankKey} held ${blankBefore}: the empty page name is a page too)`,
      );

      const end = await snapshot();
      const changes = diff(start, end);
      const elsewhere = changes.outside([key, freshKey, blankKey]);
      expect.ok(
        elsewhere.length === 0,
        `recordView may change the views:<page> key of its page only, but it ${changes.describe(elsewhere)}`,
      );
      for (const [counter, viewed] of [
        [key, page],
        [freshKey, fresh],
        [blankKey, ''],
      ] as const) {
        const pttl = end.keys.get(counter)?.pttl ?? -1;
        expect.ok(
          pttl === -1,
          `recordView('${viewed}') gave ${counter} an expiry (PTTL ${pttl} ms): a counter keeps ` +
            'its views for good; send INCR alone, with no EXPIRE',
        );
      }

      const [firstRan = [], ...laterRan] = perCall(await executed(), sentAfter);
      const laterKeys = [key, freshKey, blankKey];
      expect.ok(
        incremented(firstRan, key) ||
          !laterRan.some((ran, index) => incremented(ran, laterKeys[index] ?? key)),
        `the grading's first call of recordView, recordView('${page}'), made Redis run ` +
          `${listed(firstRan)}, where the later views send INCR alone: every web server makes a ` +
          'first call, and servers that start at the same moment make them together. Count the ' +
          'first view with one INCR too, like every other',
      );
    },
  },
  {
    name: 'views recorded at the same time are all counted',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [page = 'home'] = pageNames(random, 1);
      const key = viewsKey(page);
      const before = random.int(0, 900);
      await race({
        calls: [
          ['recordView', sandboxClient, page],
          ['recordView', sandboxClient, page],
        ],
        labels: [`recordView('${page}')`, `recordView('${page}')`],
        setup: async () => {
          if (before > 0) await redis.set(key, before);
        },
        verify: async ([one, other]) => {
          const held = await redis.get(key);
          const returned = [one.returned ?? one.threw, other.returned ?? other.threw];
          const sorted = [one.returned, other.returned].sort((a, b) => (a ?? 0) - (b ?? 0));
          expect.ok(
            held === String(before + 2) && sorted[0] === before + 1 && sorted[1] === before + 2,
            `${key} held ${before === 0 ? 'nothing' : before}; two views recorded at the same ` +
              `time must leave ${before + 2} and return ${before + 1} and ${before + 2}, one each; ` +
              `they returned ${JSON.stringify(returned)} and left ${held ?? 'no key'}`,
          );
        },
      });
    },
  },
  {
    name: 'recordView adds with one INCR and sends nothing else',
    logExecuted: true,
    async run({ call, sandboxClient, redis, commands, executed, expect, random }) {
      const [page = 'home'] = pageNames(random, 1);
      const key = viewsKey(page);
      await redis.set(key, random.int(20, 900));
      // A run of views: a script loaded once (SCRIPT LOAD, then EVALSHA) may load on the first,
      // but every later view is the one INCR alone. Enough of them that code which starts
      // counting in memory once its server is busy (past its 6th or 10th view) meets its rule too.
      const sentAfter: number[] = [];
      for (let view = 0; view < BUSY_VIEWS; view++) {
        await call('recordView', sandboxClient, page);
        sentAfter.push(commands().length);
      }
      const all = await executed();
      for (const [index, ran] of perCall(all, sentAfter).entries()) {
        const done = work(ran);
        const reloaded = index > 0 && ran.some((command) => command.name === 'script');
        const which = index === 0 ? 'the first view' : `view ${index + 1} of ${BUSY_VIEWS}`;
        expect.ok(
          incremented(ran, key) && !reloaded,
          reloaded
            ? `recordView('${page}') sent SCRIPT again on ${which}: load a script once, or ` +
                'run it with EVAL, and send one command per view. Better, send INCR itself. ' +
                `Redis ran for that view: ${listed(ran)}`
            : done.some((command) => INCREMENTS.has(command.name))
              ? `recordView('${page}') must send INCR ${key} and nothing else: the INCR answers ` +
                `the new count already; Redis ran for ${which}: ${listed(ran)}`
              : `recordView('${page}') must add to ${key} with INCR. This exercise is about INCR: ` +
                'one command that reads, adds and writes inside Redis, so that two servers ' +
                'counting at once cannot lose a view, with no WATCH or script needed. Every view ' +
                `goes to Redis as it happens. Redis ran for ${which}: ${listed(ran)}`,
        );
      }
    },
  },
  {
    name: "countViews returns each page's count in order, 0 for a page never viewed",
    logExecuted: true,
    async run({ call, sandboxClient, redis, commands, executed, expect, random, decoys }) {
      // The empty page name among them, a page like any other.
      const pages = pageNames(random, 5);
      pages.splice(random.int(0, pages.length), 0, '');
      // At least one page has a counter and at least one has none; the rest is chance.
      const missing = random.int(0, pages.length - 1);
      const present = (missing + random.int(1, pages.length - 1)) % pages.length;
      const counts = pages.map((_, index) =>
        index === missing || (index !== present && random.int(0, 2) === 0)
          ? 0
          : // The page listed twice is a busy one, past 2^32 views: a count squeezed into 32
            // bits (| 0, ~~, >>> 0) comes out wrong.
            index === present
            ? 2 ** 32 + random.int(1, 5000)
            : random.int(1, 5000),
      );
      for (const [index, page] of pages.entries()) {
        const count = counts[index] ?? 0;
        if (count > 0) await redis.set(viewsKey(page), count);
      }
      await otherCounters(decoys, redis, random, pages[missing] || 'home');

      // A page listed twice, away from its first place: it gets its count at both.
      const twice = pages[present] ?? '';
      const asked = [...pages];
      asked.splice(random.int(present + 1, pages.length), 0, twice);

      const sentAfter: number[] = [];
      const expectCounts = async (when: string) => {
        const held = await redis.mget(asked.map(viewsKey));
        const returned = await call('countViews', sandboxClient, asked);
        sentAfter.push(commands().length);
        expect.equal(
          returned,
          asked.map((page) => counts[pages.indexOf(page)] ?? 0),
          `countViews(${JSON.stringify(asked)})${when}, while MGET of their views:<page> keys ` +
            `answers [${held.map((value) => (value === null ? 'nil' : JSON.stringify(value))).join(', ')}] ` +
            `(${JSON.stringify(twice)} is listed twice: one count for each place in the list; ` +
            "'' is a page like any other, whose counter is views:; a count may be past 2^32, " +
            'to be returned whole, not cut to 32 bits)',
        );
      };
      await expectCounts('');

      // The counters move on between two calls: an answer remembered in JavaScript goes stale.
      counts[missing] = random.int(1, 5000);
      await redis.set(viewsKey(pages[missing] ?? ''), counts[missing] ?? 0);
      const added = random.int(1, 50);
      counts[present] = (counts[present] ?? 0) + added;
      await redis.incrby(viewsKey(pages[present] ?? ''), added);
      await expectCounts(' called again after the counters changed');

      const keys = asked.map(viewsKey);
      const [firstRan = [], laterRan = []] = perCall(await executed(), sentAfter);
      expect.ok(
        readAtOnce(firstRan, keys) || !readAtOnce(laterRan, keys),
        `the grading's first call of countViews, countViews(${JSON.stringify(asked)}), made Redis ` +
          `run ${listed(firstRan)}, where the later call sends one MGET alone: the first call ` +
          'of every server is a call like the others. Read the counters with a single MGET ' +
          'every time, the first too, and write nothing: a page nobody viewed has no key',
      );
    },
  },
  {
    name: 'countViews reads every counter with one MGET',
    logExecuted: true,
    async run({ call, sandboxClient, redis, commands, executed, expect, random }) {
      // A dashboard's worth of pages, more than code that splits the keys into MGETs of 5, 10, 50
      // or 100 sends in one, asked twice: code that remembers the answer for long lists only
      // sends nothing the second time.
      const pages = pageNames(random, DASHBOARD_PAGES);
      const keys = pages.map(viewsKey);
      const counts = pages.map(() => 0);
      const [seen = 0, unseen = 1] = [random.int(0, 59), random.int(60, pages.length - 1)];
      for (const index of [seen, random.int(0, 59)]) {
        counts[index] = random.int(1, 900);
        await redis.set(keys[index] ?? '', counts[index] ?? 0);
      }
      const shown = pagesShown(pages);
      const sentAfter: number[] = [];
      await call('countViews', sandboxClient, pages);
      sentAfter.push(commands().length);
      const added = random.int(1, 50);
      counts[seen] = (counts[seen] ?? 0) + added;
      await redis.incrby(keys[seen] ?? '', added);
      counts[unseen] = random.int(1, 900);
      await redis.set(keys[unseen] ?? '', counts[unseen] ?? 0);
      const returned = await call('countViews', sandboxClient, pages);
      sentAfter.push(commands().length);
      // One page alone is read with MGET too: "however many pages are asked".
      const single = [pages[seen] ?? ''];
      const alone = await call('countViews', sandboxClient, single);
      sentAfter.push(commands().length);

      for (const [index, ran] of perCall(await executed(), sentAfter).entries()) {
        if (index === 2) {
          expect.ok(
            readAtOnce(ran, single.map(viewsKey)),
            `countViews(${JSON.stringify(single)}), one page, must read its counter with MGET ` +
              `${quoted(viewsKey(single[0] ?? ''))} too, the only command it sends however many ` +
              `pages are asked, one included; Redis ran for that call: ${listed(ran)}`,
          );
          continue;
        }
        const again = index === 0 ? '' : ' called again, after the check changed two counters,';
        expect.ok(
          readAtOnce(ran, keys),
          `countViews(${shown})${again} must read the ${pages.length} counters with a single ` +
            `MGET ${quoted(keys[0] ?? '')} ${quoted(keys[1] ?? '')} … (all ${pages.length} keys), ` +
            'one round trip for them all however many there are, and send nothing else' +
            `${index === 0 ? '' : ': ask Redis on every call'}; Redis ran for that call: ${listed(ran)}`,
        );
      }
      const wrong = counts.findIndex((count, index) => returned[index] !== count);
      expect.ok(
        returned.length === pages.length && wrong === -1,
        `countViews(${shown}) called again, after the check changed ${quoted(keys[seen] ?? '')} ` +
          `(INCRBY ${added}) and ${quoted(keys[unseen] ?? '')} (SET ${counts[unseen]}), returned ` +
          (returned.length === pages.length
            ? `${returned[wrong]} at place ${wrong} for ${JSON.stringify(pages[wrong])}, whose ` +
              `counter holds ${counts[wrong]}`
            : `${returned.length} counts for ${pages.length} pages`) +
          ': return what the MGET answers, every time',
      );
      expect.equal(
        alone,
        [counts[seen] ?? 0],
        `countViews(${JSON.stringify(single)}), one page whose counter holds ${counts[seen]}`,
      );
    },
  },
  {
    name: 'claimName stores the user id under username:<name> and returns true',
    logExecuted: true,
    async run({
      call,
      sandboxClient,
      redis,
      commands,
      executed,
      expect,
      random,
      decoys,
      snapshot,
      diff,
    }) {
      // Two free names, each claimed with an id of another shape: a leading zero, then spaces
      // at both ends. The odd name comes first, its decoys around it.
      const name = oddUserName(random);
      const claims = [
        { name, id: zeroLedId(random) },
        { name: userName(random), id: spacedId(random) },
      ];
      const keys = claims.map((claim) => nameKey(claim.name));
      await decoys(name, 3, (other) =>
        redis.set(nameKey(other), userId(random), 'EX', random.int(60, CLAIM_SECONDS)),
      );
      const start = await snapshot();
      const sentAfter: number[] = [];
      for (const { name: claimed, id } of claims) {
        const key = nameKey(claimed);
        const returned = await call('claimName', sandboxClient, claimed, id);
        sentAfter.push(commands().length);
        const written = diff(start, await snapshot()).outside(keys);
        expect.equal(
          await redis.type(key),
          'string',
          `TYPE ${quoted(key)}` +
            (written.length > 0
              ? ` (claimName('${claimed}', '${id}') wrote ${written.map((change) => quoted(change.key)).join(', ')} instead: use the name exactly as given, every character of it, accents however composed, not normalized)`
              : ''),
        );
        expect.equal(
          await redis.get(key),
          id,
          `GET ${quoted(key)} (the user id is a string: store '${id}' exactly as given, every ` +
            'character of it, a leading zero or spaces at its ends too)',
        );
        expect.equal(
          returned,
          true,
          `what claimName('${claimed}', '${id}') returned for a free name`,
        );
      }
      const changes = diff(start, await snapshot());
      const elsewhere = changes.changes.filter((change) => !keys.includes(change.key));
      expect.ok(
        elsewhere.length === 0,
        `claimName may write the username:<name> key of the name it claims only, but it ${changes.describe(elsewhere)}`,
      );

      const [firstRan = [], laterRan = []] = perCall(await executed(), sentAfter);
      expect.ok(
        claimedAtOnce(firstRan, keys[0] ?? '') || !claimedAtOnce(laterRan, keys[1] ?? ''),
        `the grading's first call of claimName, claimName('${name}', '${claims[0]?.id}'), made ` +
          `Redis run ${listed(firstRan)}, where the later claim sends one SET … NX EX 600 alone: ` +
          'every web server makes a first claim, and two servers that start at the same moment ' +
          'can hand out one name twice, or crash between two commands and leave a claim with ' +
          'no expiry. Claim with the one SET every time, the first too',
      );
    },
  },
  {
    name: 'claimName leaves a name someone holds untouched and returns false',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const name = userName(random);
      const key = nameKey(name);
      const [holder, latecomer] = twoUsers(random);
      const leftMs = random.int(60, 300) * 1000;
      await redis.set(key, holder, 'PX', leftMs);
      // A user who finished signing up keeps the name with no expiry, and sends the form again:
      // code that adds an expiry to a holder's key, or answers true to the holder, shows here.
      let settled = userName(random);
      while (settled === name) settled = userName(random);
      const settledKey = nameKey(settled);
      const owner = wordId(random);
      await redis.set(settledKey, owner);
      const start = await snapshot();

      const claimed = await call('claimName', sandboxClient, name, latecomer);
      const reclaimed = await call('claimName', sandboxClient, settled, owner);
      const changes = diff(start, await snapshot()).changes;
      const expiryNow = async (held: string) => {
        const pttl = await redis.pttl(held);
        return pttl === -1 ? 'it never expires' : `PTTL answers ${pttl} ms`;
      };

      expect.equal(
        await redis.get(key),
        holder,
        `GET ${key} (user ${holder} held it before user ${latecomer} tried to claim it)`,
      );
      expect.ok(
        !changes.some((change) => change.key === key),
        `${key}: user ${holder}'s claim had ${leftMs} ms left and must keep that expiry, but ` +
          `now ${await expiryNow(key)}`,
      );
      expect.equal(
        claimed,
        false,
        `what claimName('${name}', '${latecomer}') returned for a name user ${holder} holds`,
      );
      expect.equal(
        await redis.get(settledKey),
        owner,
        `GET ${settledKey} (user ${owner} held it, with no expiry, before claiming it again)`,
      );
      expect.ok(
        !changes.some((change) => change.key === settledKey),
        `${settledKey}: user ${owner} holds the name with no expiry (their sign-up is finished) ` +
          `and it must keep none, but after claimName('${settled}', '${owner}') ` +
          `${await expiryNow(settledKey)}: when SET NX answers null, send nothing more`,
      );
      expect.equal(
        reclaimed,
        false,
        `what claimName('${settled}', '${owner}') returned when user ${owner} already held ` +
          `${settledKey}: the name is taken whoever holds it, the same user too; no new ` +
          'reservation was made, so return false as SET NX says',
      );
    },
  },
  {
    name: 'a name is free again once its reservation has lapsed',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = userName(random);
      const key = nameKey(name);
      const [first, second] = [zeroLedId(random), wordId(random)];
      expect.equal(
        await call('claimName', sandboxClient, name, first),
        true,
        `what claimName('${name}', '${first}') returned for a free name`,
      );
      // As if the ten minutes had passed: Redis alone knows the name is free again.
      await redis.del(key);
      const again = await call('claimName', sandboxClient, name, second);
      expect.equal(
        again,
        true,
        `what claimName('${name}', '${second}') returned after ${key} had expired (the check ` +
          `deleted it): ask Redis each time, never a list kept in your code`,
      );
      expect.equal(await redis.get(key), second, `GET ${key}`);

      // That claim lapses too and another server's user takes the name: a retry by the same
      // user must hear that from Redis, not from a claim remembered in JavaScript.
      const third = userId(random);
      await redis.set(key, third, 'EX', CLAIM_SECONDS);
      const retried = await call('claimName', sandboxClient, name, second);
      expect.equal(
        retried,
        false,
        `what claimName('${name}', '${second}') returned when user ${second}'s claim had lapsed ` +
          `and user ${third} had claimed the name since (the check wrote ${key}): ask Redis each ` +
          'time, never remember a claim in your code',
      );
      expect.equal(await redis.get(key), third, `GET ${key} after user ${second} tried again`);
    },
  },
  {
    name: 'a claimed name expires 600 seconds after the claim',
    async run({ call, sandboxClient, redis, expect, random, expectTtl }) {
      const name = userName(random);
      const key = nameKey(name);
      const startedAt = Date.now();
      await call('claimName', sandboxClient, name, userId(random));
      // EXAT with the time rounded down to a second may end up to a second early, rounded up a
      // second late; EX 600 and PX 600000 land in between. The window is measured from the
      // whole second before the call, less a moment for the reading itself.
      const earliest = Math.floor(startedAt / 1000) * 1000 + CLAIM_SECONDS * 1000;
      const window = {
        minMs: Math.min(earliest - Date.now() - 250, CLAIM_SECONDS * 1000 - 1000),
        maxMs: CLAIM_SECONDS * 1000 + 1000,
      };
      try {
        await expectTtl(key, window);
      } catch (failure) {
        const pttl = await redis.pttl(key);
        expect.ok(
          false,
          `${failure instanceof Error ? failure.message : String(failure)}. The claim must ` +
            'expire 600 seconds after it is made: EX 600, PX 600000, or EXAT/PXAT at that moment' +
            (pttl > 0 && pttl <= 600 ? ' (PX counts milliseconds: 600 is not ten minutes)' : ''),
        );
      }
    },
  },
  {
    name: 'two users claiming one name at the same time: exactly one gets it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = userName(random);
      const key = nameKey(name);
      const [first, second] = twoUsers(random);
      await race({
        calls: [
          ['claimName', sandboxClient, name, first],
          ['claimName', sandboxClient, name, second],
        ],
        labels: [`claimName('${name}', '${first}')`, `claimName('${name}', '${second}')`],
        verify: async ([one, other]) => {
          const held = await redis.get(key);
          const winner = one.returned === true ? first : second;
          const wins = [one.returned, other.returned].filter((won) => won === true).length;
          expect.ok(
            wins === 1 && [one, other].every((result) => result.threw === undefined),
            `users ${first} and ${second} claimed '${name}' at the same time: exactly one ` +
              `claimName must return true and the other false; they returned ` +
              `${one.returned ?? one.threw} and ${other.returned ?? other.threw}, and ${key} holds ${held ?? 'nothing'}`,
          );
          expect.equal(held, winner, `GET ${key} (the claim that returned true was ${winner}'s)`);
        },
      });
    },
  },
  {
    name: 'claimName claims with one SET that carries NX and the expiry',
    logExecuted: true,
    async run({ call, sandboxClient, redis, commands, executed, expect, random }) {
      const name = userName(random);
      // A refused claim too: a GET, PTTL or EXPIRE sent after a SET NX that answered null only
      // shows on a name someone holds.
      let taken = userName(random);
      while (taken === name) taken = userName(random);
      const [claimer, holder] = twoUsers(random);
      await redis.set(nameKey(taken), holder, 'EX', random.int(60, CLAIM_SECONDS));
      await call('claimName', sandboxClient, name, claimer);
      const sentByFirst = commands().length;
      await call('claimName', sandboxClient, taken, claimer);
      const all = await executed();
      for (const [index, ran] of perCall(all, [sentByFirst, commands().length]).entries()) {
        const claimed = index === 0 ? name : taken;
        const done = work(ran);
        const [only, next] = done;
        const options =
          done.length === 1 && only?.name === 'set'
            ? only.args.slice(2).map((arg) => arg.toUpperCase())
            : [];
        const problem =
          done.length === 0
            ? 'it sent nothing to Redis'
            : index === 1 && only?.name === 'set' && next !== undefined
              ? `when SET NX answers null, user ${holder} holds the name: return false and send ` +
                'nothing more, no GET, PTTL or EXPIRE; their key is theirs'
              : done.length > 1 || only?.name !== 'set'
                ? 'with more than one command, a crash between them can leave the name taken ' +
                  'with no expiry, or a holder’s expiry changed. This exercise is about SET’s ' +
                  'options: NX and the expiry together in one SET do it all'
                : !options.includes('NX')
                  ? 'without NX, the SET overwrites a name someone already holds'
                  : !options.some((option) => EXPIRY_OPTIONS.has(option))
                    ? 'without EX (or PX, EXAT, PXAT), the claim never expires'
                    : undefined;
        expect.ok(
          problem === undefined,
          `claimName('${claimed}', '${claimer}') must claim ${nameKey(claimed)} with a single ` +
            `SET … NX EX 600${index === 1 ? `, even when user ${holder} holds it` : ''}: ` +
            `${problem}; Redis ran for that claim: ${listed(ran)}`,
        );
      }
    },
  },
];

export default checks;
