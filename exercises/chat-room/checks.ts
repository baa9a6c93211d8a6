import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  Expect,
  LoggedCommand,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface ChatMessage {
  user: string;
  text: string;
}

interface Exports {
  say(redis: Redis, room: string, user: string, text: string): Promise<number>;
  listen(redis: Redis, room: string, count: number, timeoutMs: number): Promise<ChatMessage[]>;
  watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean>;
}

type Context = CheckContext<Exports>;

const HISTORY_LENGTH = 50;
const USERS = ['ada', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus', 'hana'];
// Quotes, backslashes and characters beyond ASCII: JSON built by hand breaks on them.
const PHRASES = [
  'hello there',
  'who is "on call" tonight?',
  'path is C:\\temp\\logs',
  'café at 10 ☕',
  "it's done",
  'tabs\tand\nnew lines',
  '{"not": "a field"}',
];
/** The phrases that JSON must escape. */
const ESCAPED = PHRASES.filter((phrase) => JSON.stringify(phrase).includes('\\'));
const SUBSCRIBING = new Set(['subscribe', 'psubscribe', 'ssubscribe']);
const KEYSPACE_EVENT = (key: string) => `__keyspace@0__:${key}`;
const EXPIRED_EVENTS = '__keyevent@0__:expired';

const channelOf = (room: string) => `chat:${room}`;
const historyOf = (room: string) => `chat:${room}:history`;
/**
 * How soon after the messages it waits for a listen must return, and how late a timeout may be,
 * beyond however long the machine held the grader up meanwhile (`heldUp`).
 */
const AT_ONCE_MS = 250;
const LATE_BY_MS = 250;
/** How long before listen's time is up the checks publish a late message. */
const LATE_MARGIN_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` messages, each different, so that an order mistake or a repeat shows. */
function messages(random: Random, count: number): ChatMessage[] {
  const made: ChatMessage[] = [];
  const texts = new Set<string>();
  while (made.length < count) {
    const text = `${random.pick(PHRASES)} #${random.word(4)}`;
    if (texts.has(text)) continue;
    texts.add(text);
    made.push({ user: `${random.pick(USERS)}${random.int(1, 99)}`, text });
  }
  return made;
}

/** 1 → first, 2 → 2nd, 3 → 3rd, 4 → 4th… (count is at most 3 where it is used). */
const nth = (count: number) =>
  count === 1 ? 'first' : `${count}${count === 2 ? 'nd' : count === 3 ? 'rd' : 'th'}`;

const encode = (message: ChatMessage) => JSON.stringify(message);

/** A history entry or a published message as the checks read it: the object, or why not. */
function decode(raw: string): ChatMessage | string {
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const fields = Object.keys(value).sort();
      const { user, text } = value as Record<string, unknown>;
      if (fields.join() === 'text,user' && typeof user === 'string' && typeof text === 'string') {
        return { user, text };
      }
    }
    return `${JSON.stringify(raw)} (not a JSON object with exactly the fields user and text)`;
  } catch {
    return `${JSON.stringify(raw)} (not JSON: build it with JSON.stringify({ user, text }))`;
  }
}

/** A message for a failure message: a long text cut short, with its length said. */
function brief(message: unknown): string {
  const text = JSON.stringify(message) ?? String(message);
  return text.length > 160 ? `${text.slice(0, 150)}… (${text.length} characters as JSON)` : text;
}

/**
 * Time allowed for a call with a timeout of 0 to answer: a connection of its own, a SUBSCRIBE
 * and a QUIT, beyond what the machine held the grader up meanwhile (`heldUp`).
 */
const ZERO_TIMEOUT_MS = 900;

const shown = (items: readonly unknown[]) =>
  items.length === 0 ? '[] (nothing)' : `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;

function listed(commands: readonly LoggedCommand[], max = 10): string {
  if (commands.length === 0) return 'no commands';
  const text = commands
    .slice(0, max)
    .map((command) => [command.name.toUpperCase(), ...command.args].join(' '));
  return commands.length > max
    ? `${text.join(', ')}, … (${commands.length} in all)`
    : text.join(', ');
}

/** The one channel a pattern matches, when it has no * ? or [ left unescaped. */
function literalOf(pattern: string): string | undefined {
  let literal = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\') {
      const next = pattern[++index];
      if (next === undefined) return undefined;
      literal += next;
    } else if ('*?['.includes(char)) {
      return undefined;
    } else {
      literal += char;
    }
  }
  return literal;
}

/** Whether anyone listens on one of `channels`, or on any pattern. */
async function anyoneListens(redis: Redis, channels: readonly string[]): Promise<boolean> {
  const counts = (await redis.pubsub('NUMSUB', ...channels)) as unknown[];
  if (counts.some((value, index) => index % 2 === 1 && Number(value) > 0)) return true;
  return Number(await redis.pubsub('NUMPAT')) > 0;
}

/**
 * Starts a learner call, waits until Redis counts a subscriber on one of `channels` (or any
 * pattern), then runs `act` (told whether the call is still running): a message published from
 * then on reaches the call. Answers what the call returned, how long it took from its start,
 * from the moment Redis counted its subscription and from the end of `act`, and whether it
 * ever subscribed before it returned.
 */
async function whileListening<T>(
  { redis, heldUp }: Context,
  start: () => Promise<T>,
  channels: readonly string[],
  act: (running: () => boolean, elapsed: () => number) => Promise<void>,
): Promise<{
  value: T;
  ms: number;
  subscribed: boolean;
  sinceSubscribed: number;
  sinceAct: number;
  /** How long the grader was held up (a busy machine) from the call, and from the act. */
  heldUp: number;
  heldUpSinceAct: number;
}> {
  const heldUpSinceCall = heldUp();
  const began = performance.now();
  let settled = false;
  const pending = start();
  pending.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  let subscribed = false;
  while (!settled && performance.now() - began < 2_000) {
    if (await anyoneListens(redis, channels)) {
      subscribed = true;
      break;
    }
    await sleep(5);
  }
  const subscribedAt = performance.now();
  if (subscribed)
    await act(
      () => !settled,
      () => performance.now() - began,
    );
  const actedAt = performance.now();
  const heldUpSinceAct = heldUp();
  const value = await pending;
  const end = performance.now();
  return {
    value,
    ms: end - began,
    subscribed,
    sinceSubscribed: end - subscribedAt,
    sinceAct: end - actedAt,
    heldUp: heldUpSinceCall(),
    heldUpSinceAct: heldUpSinceAct(),
  };
}

function expectSubscribed(expect: Expect, subscribed: boolean, what: string, channel: string) {
  expect.ok(
    subscribed,
    `${what} returned without ever subscribing to ${channel} (PUBSUB NUMSUB ${channel} stayed 0 while it ran): subscribe first, then wait for messages`,
  );
}

/** Publishes each message on the channel with the grader's client, in order. */
async function publishAll(redis: Redis, channel: string, list: readonly ChatMessage[]) {
  for (const message of list) await redis.publish(channel, encode(message));
}

/** Seeds a room's history with `count` messages, oldest first. */
async function seedHistory(redis: Redis, random: Random, room: string, count: number) {
  const seeded = messages(random, count).map(encode);
  if (seeded.length > 0) await redis.rpush(historyOf(room), ...seeded);
  return seeded;
}

/**
 * Fails unless nothing is left subscribed and no subscriber connection is left open once a
 * call has returned. QUIT closes at once; disconnect() a moment later, so this waits a little.
 */
async function expectNothingLeft(
  { redis, expect }: Context,
  what: string,
  channels: readonly string[],
) {
  let left: string[] = [];
  const until = performance.now() + 1_000;
  do {
    left = [];
    const counts = (await redis.pubsub('NUMSUB', ...channels)) as unknown[];
    for (let index = 0; index < counts.length; index += 2) {
      if (Number(counts[index + 1]) > 0) {
        left.push(`PUBSUB NUMSUB ${counts[index]} answers ${counts[index + 1]}`);
      }
    }
    const patterns = Number(await redis.pubsub('NUMPAT'));
    if (patterns > 0) left.push(`PUBSUB NUMPAT answers ${patterns}`);
    const open = String(await redis.client('LIST'))
      .split('\n')
      .filter((line) => / user=learner /.test(line) && / cmd=p?s?(un)?subscribe /.test(line));
    if (left.length === 0 && open.length > 0) {
      const last = / cmd=(\S+)/.exec(open[0] ?? '')?.[1] ?? '';
      left.push(
        `its subscriber connection is still open (CLIENT LIST shows a connection whose last command was ${last.toUpperCase()})`,
      );
    }
    if (left.length === 0) return;
    await sleep(20);
  } while (performance.now() < until);
  expect.ok(
    false,
    `a second after ${what} returned, ${left.join('; ')}. When you are done, end the subscription and close the connection you subscribed on: await subscriber.quit() does both.`,
  );
}

/**
 * Fails if a SUBSCRIBE of `sent` went out on `lent`, the id of the client the call was given:
 * learner clients are numbered in the order they are made, and a call's lent client is made
 * just before the call, after every client of the calls before it.
 */
function expectOwnConnection(
  expect: Expect,
  sent: readonly LoggedCommand[],
  lent: number,
  what: string,
) {
  const subscribes = sent.filter(({ name }) => SUBSCRIBING.has(name));
  expect.ok(subscribes.length > 0, `${what} sent no SUBSCRIBE; it sent: ${listed(sent)}`);
  const onLent = subscribes.filter(({ client }) => client === lent);
  expect.ok(
    onLent.length === 0,
    `${what} sent ${listed(onLent)} on the client it was given. That client belongs to the caller, who goes on using it; a subscription would stay on it, and under RESP2 a subscribed connection refuses every command but (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING and QUIT. Subscribe on a connection of your own: const subscriber = redis.duplicate().`,
  );
}

/**
 * The id the next call's lent client will get: one more than every client seen so far. Right
 * after a say, which sends on the client it is given, that is exact: a client made and never
 * used (which takes a number but sends nothing) can only come from the calls before it.
 */
const nextLentId = (sent: readonly LoggedCommand[]) =>
  Math.max(0, ...sent.map(({ client }) => client ?? 0)) + 1;

/**
 * A key for watchExpiry, and look-alikes: another id, the key with a suffix, the key in
 * capitals (Redis's keys are case-sensitive: that is another key), and the key with a prefix.
 */
function expiryKeys(random: Random, tail = ''): { key: string; others: string[] } {
  const id = random.id('7f3a9c2e51');
  const key = `session:${id}${tail}`;
  return {
    key,
    others: [
      `session:${random.id('7f3a9c2e51')}`,
      `${key}:lock`,
      `session:${id.toUpperCase()}${tail}`,
      `old:${key}`,
    ],
  };
}

const checks: CheckList<Exports> = [
  {
    name: 'say appends the message to chat:<room>:history as JSON',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff, decoys } = context;
      // Capitals, a colon, a blank, é, * and ?: the room names its key and channel as given.
      const word = random.word();
      const room = `${word.charAt(0).toUpperCase()}${word.slice(1)}:é *?`;
      const history = historyOf(room);
      const seeded = await seedHistory(redis, random, room, random.int(1, 5));
      await decoys(room, 2, (other) => seedHistory(redis, random, other, 2));
      await seedHistory(redis, random, `${room}-team`, 2);
      // A room nobody has spoken in yet: say creates its history, which gets no expiry either.
      const fresh = `${random.word()}[x]?`;
      const freshHistory = historyOf(fresh);
      const [made, first] = messages(random, 2) as [ChatMessage, ChatMessage];
      // A quote, a backslash or a new line: JSON.stringify escapes them, hand-built JSON breaks.
      // Capitals and blanks at both ends: the message is kept as said.
      const message = {
        user: ` ${made.user.charAt(0).toUpperCase()}${made.user.slice(1)} `,
        text: ` ${random.pick(ESCAPED)} #${random.word(4)}\n`,
      };
      const before = await snapshot();

      await call('say', sandboxClient, room, message.user, message.text);
      await call('say', sandboxClient, fresh, first.user, first.text);
      const after = await snapshot();
      const changes = diff(before, after);
      for (const [key, name] of [
        [history, room],
        [freshHistory, fresh],
      ] as const) {
        const type = await redis.type(key);
        expect.ok(
          type === 'list',
          `TYPE ${key} answers ${type}, after say('${name}', …)${changes.created.length > 0 ? `, which created ${changes.created.join(', ')}` : ''}: the history of room '${name}' is the list chat:<room>:history, with the room's name exactly as given, whatever characters it holds`,
        );
      }
      const held = await redis.lrange(history, 0, -1);
      expect.equal(
        held.length,
        seeded.length + 1,
        `LLEN ${history} (it held ${seeded.length} messages; say adds one)`,
      );
      expect.equal(
        held.slice(0, seeded.length),
        seeded,
        `LRANGE ${history} 0 ${seeded.length - 1}: the messages it held, oldest first, untouched`,
      );
      expect.equal(
        decode(held.at(-1) ?? ''),
        message,
        `the newest entry of ${history} (LRANGE ${history} -1 -1), read with JSON.parse`,
      );
      expect.equal(
        (await redis.lrange(freshHistory, 0, -1)).map(decode),
        [first],
        `LRANGE ${freshHistory} 0 -1, after say('${fresh}', …) in a room that had no history`,
      );
      const others = changes.outside([history, freshHistory]);
      expect.ok(
        others.length === 0,
        `say('${room}', …) and say('${fresh}', …) may change ${history} and ${freshHistory} only; they also ${changes.describe(others)}`,
      );
      // The history has no expiry: a room's messages stay until newer ones push them out.
      for (const key of [history, freshHistory]) {
        const pttl = after.keys.get(key)?.pttl;
        expect.ok(
          pttl === -1,
          `say gave ${key} an expiry (PTTL ${key} answers ${pttl})${key === freshHistory ? ', when it created that history' : ''}: the history keeps the 50 newest messages for good, so push and trim without EXPIRE, and without EX on any command`,
        );
      }
      // Kept as given, whatever it is: a user name of 60 to 90 characters, a text of about
      // 100 KiB that spells é as e and a combining accent (normalised, it changes), and an empty
      // text, which is a message too.
      const long: ChatMessage = {
        user: `${made.user}-${random.word(random.int(60, 90))}`,
        text: `cafe\u0301 ☕ ${random.word(4).repeat(random.int(25_000, 26_000))}`,
      };
      const empty: ChatMessage = { user: first.user, text: '' };
      for (const said of [long, empty]) {
        await call('say', sandboxClient, room, said.user, said.text);
        const newest = decode((await redis.lrange(history, -1, -1))[0] ?? '');
        expect.ok(
          JSON.stringify(newest) === JSON.stringify(said),
          `the newest entry of ${history} after say('${room}', ${brief(said.user)}, ${brief(said.text)}) reads ${brief(newest)}: store every message exactly as said, however long, with its characters as given (not normalised), and an empty text too`,
        );
      }
    },
  },
  {
    name: 'say keeps only the 50 newest messages in the history',
    async run({ call, sandboxClient, redis, random, expect, snapshot, diff }) {
      const room = random.word();
      const history = historyOf(room);
      const [first, third] = messages(random, 2) as [ChatMessage, ChatMessage];
      const read = async () => (await redis.lrange(history, 0, -1)).map(decode);

      // One short of full: nothing is dropped.
      const seeded = (await seedHistory(redis, random, room, HISTORY_LENGTH - 1)).map(decode);
      const start = await snapshot();
      await call('say', sandboxClient, room, first.user, first.text);
      expect.equal(
        await read(),
        [...seeded, first],
        `${history} after say, when it held ${HISTORY_LENGTH - 1} messages (all ${HISTORY_LENGTH} fit)`,
      );
      // Full: the oldest goes. The same message again: said twice, it is there twice.
      await call('say', sandboxClient, room, first.user, first.text);
      expect.equal(
        await read(),
        [...seeded.slice(1), first, first],
        `${history} after say, when it held ${HISTORY_LENGTH} messages and the same user said the same text again (the oldest must go, the newest ${HISTORY_LENGTH} stay, both copies among them)`,
      );
      // Far too long, as an older version of the app may have left it.
      const extra = random.int(3, 12);
      await redis.rpush(history, ...messages(random, extra).map(encode));
      const before = (await read()).slice(-(HISTORY_LENGTH - 1));
      await call('say', sandboxClient, room, third.user, third.text);
      expect.equal(
        await read(),
        [...before, third],
        `${history} after say, when it held ${HISTORY_LENGTH + extra} messages (only the newest ${HISTORY_LENGTH} stay)`,
      );
      // The messages trimmed off are gone: kept elsewhere, they are a key the statement never asked for.
      const changes = diff(start, await snapshot());
      const elsewhere = changes.outside([history]);
      expect.ok(
        elsewhere.length === 0,
        `say('${room}', …) trimmed ${history} and also ${changes.describe(elsewhere)}: the messages LTRIM drops are dropped; change no key but the history`,
      );
    },
  },
  {
    name: 'say publishes the message on chat:<room> and returns how many subscribers got it',
    async run({ call, sandboxClient, redis, random, expect }) {
      const room = random.word();
      const channel = channelOf(room);
      const history = historyOf(room);
      await seedHistory(redis, random, room, random.int(5, 10));
      const onChannel = random.int(1, 3);
      const onPattern = random.int(0, 1);
      const subscribers: Redis[] = [];
      const heard: string[][] = [];
      try {
        // Two that must not count: another room's channel, and a pattern chat:<room> does not
        // match (PUBSUB NUMPAT counts it all the same).
        const elsewhere = [channelOf(`${room}x`), `${channel}:*`];
        for (let index = 0; index < onChannel + onPattern + elsewhere.length; index++) {
          const subscriber = redis.duplicate();
          const got: string[] = [];
          subscriber.on('message', (_channel: string, message: string) => got.push(message));
          subscriber.on('pmessage', (_pattern: string, _channel: string, message: string) =>
            got.push(message),
          );
          subscribers.push(subscriber);
          heard.push(got);
          if (index < onChannel) await subscriber.subscribe(channel);
          else if (index < onChannel + onPattern) await subscriber.psubscribe('chat:*');
          else if (index === onChannel + onPattern) await subscriber.subscribe(elsewhere[0] ?? '');
          else await subscriber.psubscribe(elsewhere[1] ?? '');
        }
        const [message, later] = messages(random, 2) as [ChatMessage, ChatMessage];
        const reached = await call('say', sandboxClient, room, message.user, message.text);
        const listeners = onChannel + onPattern;
        expect.equal(
          reached,
          listeners,
          `say returned (${onChannel} subscriber${onChannel === 1 ? '' : 's'} on ${channel}${onPattern ? ' and 1 on the pattern chat:*' : ''}, besides one on ${elsewhere[0]} and one on the pattern ${elsewhere[1]}, which ${channel} does not match: return what PUBLISH ${channel} answers)`,
        );
        const stored = (await redis.lrange(history, -1, -1))[0];
        for (
          let wait = 0;
          wait < 50 && heard.slice(0, listeners).some((got) => got.length === 0);
          wait++
        ) {
          await sleep(20);
        }
        for (const [index, got] of heard.entries()) {
          if (index >= listeners) {
            const where = elsewhere[index - listeners];
            expect.equal(got, [], `what a subscriber of ${where}, which ${channel} is not, heard`);
            continue;
          }
          expect.equal(
            got.length,
            1,
            `how many messages a subscriber of ${index < onChannel ? channel : 'chat:*'} heard`,
          );
          expect.equal(
            decode(got[0] ?? ''),
            message,
            `the message a subscriber of ${channel} heard, read with JSON.parse`,
          );
          expect.equal(
            got[0],
            stored,
            `the message published on ${channel}, compared with the newest entry of ${history}: publish the same JSON text you stored`,
          );
        }
        // Nobody left: PUBLISH reaches no one, and say returns 0.
        for (const subscriber of subscribers) await subscriber.quit();
        subscribers.length = 0;
        for (let wait = 0; wait < 50 && (await anyoneListens(redis, [channel])); wait++)
          await sleep(20);
        const alone = await call('say', sandboxClient, room, later.user, later.text);
        expect.equal(alone, 0, `say returned when nobody was subscribed to ${channel}`);
      } finally {
        for (const subscriber of subscribers) subscriber.disconnect();
      }
    },
  },
  {
    name: 'say stores the message in the history before it publishes it',
    async run({ race, sandboxClient, redis, random, expect }) {
      const room = random.word();
      const history = historyOf(room);
      const [message] = messages(random, 1) as [ChatMessage];
      const publishes = (step: RaceStepView) =>
        step.by !== 'grader' &&
        step.commands.some(({ name }) =>
          ['publish', 'eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall'].includes(name),
        );
      await race({
        calls: [['say', sandboxClient, room, message.user, message.text]],
        labels: [`say(${room}, ${message.user})`],
        // A listener that hears the message reads the history at once: here, at any moment.
        interject: [['LRANGE', history, '0', '-1']],
        setup: async () => {
          await seedHistory(redis, random, room, 2);
        },
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `say threw: ${result.threw}`);
          const read = steps.findIndex(({ by }) => by === 'grader');
          const published = steps.findIndex(publishes);
          if (read < 0 || published < 0 || read < published) return;
          const reply = steps[read]?.reply;
          const held = reply && 'value' in reply ? (reply.value as string[]) : [];
          expect.ok(
            held.map(decode).some((entry) => JSON.stringify(entry) === JSON.stringify(message)),
            `a subscriber heard the message on ${channelOf(room)} and read ${history} at once, but the message was not there yet (LRANGE ${history} 0 -1 answered ${held.length} older messages): push it onto the history first, then PUBLISH`,
          );
        },
      });
    },
  },
  {
    name: 'two says in the same room at the same time both land in the history',
    async run({ race, sandboxClient, redis, random, expect }) {
      const room = random.word();
      const history = historyOf(room);
      const [one, other] = messages(random, 2) as [ChatMessage, ChatMessage];
      const held = random.int(HISTORY_LENGTH - 2, HISTORY_LENGTH);
      const seeded = messages(random, held);
      await race({
        calls: [
          ['say', sandboxClient, room, one.user, one.text],
          ['say', sandboxClient, room, other.user, other.text],
        ],
        labels: [`say(${room}, ${one.user})`, `say(${room}, ${other.user})`],
        setup: async () => {
          await redis.rpush(history, ...seeded.map(encode));
        },
        verify: async (results) => {
          for (const result of results) {
            expect.ok(result.threw === undefined, `say threw: ${result.threw}`);
          }
          const now = (await redis.lrange(history, 0, -1)).map(decode);
          const kept = HISTORY_LENGTH - 2;
          const last = now.slice(-2).map((entry) => JSON.stringify(entry));
          const both = [one, other].map((message) => JSON.stringify(message));
          expect.ok(
            now.length === HISTORY_LENGTH &&
              JSON.stringify(now.slice(0, kept)) === JSON.stringify(seeded.slice(-kept)) &&
              last.length === 2 &&
              both.every((message) => last.includes(message)),
            `${history} held ${held} messages, and two says added one each at the same time; it must end with the ${kept} newest of the old ones, then both new messages (in either order), ${HISTORY_LENGTH} in all. It holds ${now.length}, ending with ${shown(now.slice(-3))}. Change the list in Redis (RPUSH, then LTRIM), rather than reading it, cutting it in JavaScript and writing it back`,
          );
        },
      });
    },
  },
  {
    name: 'listen returns the messages published while it listens, in order',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const room = random.word();
      const channel = channelOf(room);
      const count = random.int(4, 6);
      const [missed, ...said] = messages(random, count) as [ChatMessage, ...ChatMessage[]];
      // An empty text is a message too; and é and ☕ in every grading, sent as UTF-8.
      said[0] = { user: said[0]?.user ?? 'ada', text: '' };
      said[1] = { user: said[1]?.user ?? 'bo', text: `café at 10 ☕ #${random.word(4)}` };
      // The last one said twice in a row: a second delivery of the same text is a message too.
      const sent = [...said, said.at(-1) as ChatMessage];
      // Stored earlier: listen hears what is said from now on, it does not read the history.
      await seedHistory(redis, random, room, random.int(2, 4));
      // Said before listen subscribed: nobody heard it, and nothing keeps it.
      await redis.publish(channel, encode(missed));

      const timeoutMs = random.int(1_500, 1_800);
      const { value, ms, subscribed } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, count, timeoutMs),
        [channel],
        () => publishAll(redis, channel, sent),
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      expect.equal(
        value,
        sent,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) while ${count} messages were published on ${channel}, in this order (the first with an empty text, the second with é and ☕ in UTF-8, the last two the same text, said twice: each counts, read as it was sent)`,
      );
      expect.ok(
        ms < timeoutMs,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) had all ${count} messages at once, yet returned only after ${Math.round(ms)} ms: resolve as soon as the ${count}th arrives`,
      );
    },
  },
  {
    name: 'listen returns as soon as count messages have arrived, and no more than count',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const room = random.word();
      const channel = channelOf(room);
      const count = random.int(1, 3);
      const sent = messages(random, count + random.int(1, 3));
      const timeoutMs = random.int(1_500, 1_800);

      const { value, ms, subscribed, sinceAct, heldUpSinceAct } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, count, timeoutMs),
        [channel],
        async () => {
          // In one transaction: they all reach listen together, more than it asked for.
          const burst = redis.multi();
          for (const message of sent) burst.publish(channel, encode(message));
          await burst.exec();
        },
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      expect.equal(
        value,
        sent.slice(0, count),
        `listen(redis, '${room}', ${count}, ${timeoutMs}) while ${sent.length} messages were published: the first ${count}`,
      );
      expect.ok(
        ms < timeoutMs,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) had its ${count} message${count === 1 ? '' : 's'} at once, yet returned only after ${Math.round(ms)} ms: resolve as soon as the ${nth(count)} arrives, and clear the timer`,
      );
      // Delivery, QUIT and the way back take a few ms; a generous bound, and what the machine
      // held the grader up meanwhile, since it held the learner's code up as long.
      expect.ok(
        sinceAct < AT_ONCE_MS + heldUpSinceAct,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) returned ${Math.round(sinceAct)} ms after its ${count === 1 ? 'message was' : `${count} messages were`} published: resolve in the 'message' listener itself, the moment the ${nth(count)} arrives, rather than looking at what arrived now and then`,
      );
    },
  },
  {
    name: 'listen waits timeoutMs, then returns what arrived',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const room = random.word();
      const channel = channelOf(room);
      const count = random.int(3, 5);
      const [late, ...early] = messages(random, random.int(1, count - 1)) as [
        ChatMessage,
        ...ChatMessage[],
      ];
      const timeoutMs = random.int(650, 750);
      // The last one comes late, though well within timeoutMs of the call: the wait is counted
      // from the call, not from the last message.
      const lateAt = timeoutMs - LATE_MARGIN_MS;
      const sent = [...early];

      const { value, ms, subscribed, sinceSubscribed, heldUp } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, count, timeoutMs),
        [channel],
        async (_running, elapsed) => {
          await publishAll(redis, channel, early);
          // On a machine so slow that the call took most of its time to subscribe, none is late.
          if (elapsed() > lateAt - 50) return;
          await sleep(lateAt - elapsed());
          await publishAll(redis, channel, [late]);
          sent.push(late);
        },
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      expect.equal(
        value,
        sent,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) when only ${sent.length} message${sent.length === 1 ? ' was' : 's were'} published: what arrived`,
      );
      expect.ok(
        ms >= timeoutMs,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) returned after ${Math.round(ms)} ms, with fewer than ${count} messages: wait the whole ${timeoutMs} ms before giving up`,
      );
      // Its subscription came after the call began, so its time was up by then plus timeoutMs;
      // later by what the machine held the grader up, since it held the learner's timer as long.
      expect.ok(
        sinceSubscribed < timeoutMs + LATE_BY_MS + heldUp,
        `listen(redis, '${room}', ${count}, ${timeoutMs}) returned ${Math.round(sinceSubscribed)} ms after it subscribed, though the last message came ${lateAt} ms after the call: give up timeoutMs after the call, with one timer started once, rather than waiting timeoutMs again after each message`,
      );
      // A timeout of 0 is a timeout too: nothing can arrive within it, so [] at once.
      const held = context.heldUp();
      const began = performance.now();
      const none = await call('listen', sandboxClient, room, count, 0);
      const took = performance.now() - began;
      expect.ok(
        Array.isArray(none) && none.length === 0 && took < ZERO_TIMEOUT_MS + held(),
        `listen(redis, '${room}', ${count}, 0) returned ${brief(none)} after ${Math.round(took)} ms: with a timeout of 0 ms, give up at once with []. 0 is a timeout like any other, not a missing argument: do not replace it with a default`,
      );
    },
  },
  {
    name: 'listen hears its own room only',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, commands } = context;
      // A room's name may hold * and ?: taken for a pattern, it names other rooms too.
      const word = random.word();
      const room = `${word}*?`;
      const channel = channelOf(room);
      const sent = messages(random, random.int(2, 4));
      const noise = messages(random, 3);
      const others = [
        channelOf(`${room}-team`),
        channelOf(`${word}*x`),
        channelOf(`${word}x?`),
        channelOf(random.id(word)),
        historyOf(room),
      ];

      const { value, subscribed } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, sent.length, random.int(1_500, 1_800)),
        [channel],
        async () => {
          for (const [index, message] of sent.entries()) {
            const around = index === 0 ? others : [others[index % others.length] as string];
            for (const [at, other] of around.entries()) {
              await redis.publish(other, encode(noise[at % noise.length] as ChatMessage));
            }
            await redis.publish(channel, encode(message));
          }
        },
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      const extra = commands().filter(
        ({ name, args }) =>
          SUBSCRIBING.has(name) &&
          !(name === 'subscribe' && args.every((arg) => arg === channel)) &&
          !(name === 'psubscribe' && args.every((arg) => literalOf(arg) === channel)),
      );
      expect.ok(
        extra.length === 0,
        `listen(redis, '${room}', …) sent ${listed(extra)}: that subscribes to more than ${channel}, so Redis sends this connection other rooms' messages too. SUBSCRIBE ${channel} alone, the channel's exact name, which * and ? in a room's name do not widen`,
      );
      expect.equal(
        value,
        sent,
        `listen(redis, '${room}', ${sent.length}, …) while messages were published on ${channel} and, between them, on ${others.join(', ')}: only ${channel}'s`,
      );
    },
  },
  {
    name: 'listen subscribes on a connection of its own, never on the client it was given',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, commands } = context;
      const room = random.word();
      const channel = channelOf(room);
      const [first, second] = messages(random, 2) as [ChatMessage, ChatMessage];
      // say first: it sends on the client it is given, which shows that client's number; the
      // next call's lent client comes right after it.
      await call('say', sandboxClient, room, first.user, first.text);
      const before = [...commands()];
      const lent = nextLentId(before);
      const { subscribed } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, 1, random.int(1_500, 1_800)),
        [channel],
        () => publishAll(redis, channel, [second]),
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      expectOwnConnection(
        expect,
        commands().slice(before.length),
        lent,
        `listen(redis, '${room}', 1, …)`,
      );
    },
  },
  {
    name: 'listen ends its subscription and closes its connection when it is done',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const room = random.word();
      const channel = channelOf(room);
      const heard = messages(random, 1);
      const { subscribed } = await whileListening(
        context,
        () => call('listen', sandboxClient, room, 1, random.int(1_500, 1_800)),
        [channel],
        () => publishAll(redis, channel, heard),
      );
      expectSubscribed(expect, subscribed, 'listen', channel);
      await expectNothingLeft(context, `listen(redis, '${room}', 1, …) heard its message and`, [
        channel,
      ]);

      // After a timeout too: one long enough for a connection and its SUBSCRIBE on a busy
      // machine, since a right listen may start its timer before it subscribes.
      const timeoutMs = random.int(400, 500);
      const quiet = await whileListening(
        context,
        () => call('listen', sandboxClient, room, 2, timeoutMs),
        [channel],
        async () => {},
      );
      expectSubscribed(expect, quiet.subscribed, 'listen', channel);
      await expectNothingLeft(context, `listen(redis, '${room}', 2, ${timeoutMs}) timed out and`, [
        channel,
      ]);
    },
  },
  {
    name: 'watchExpiry resolves true when the key expires',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const { key } = expiryKeys(random);
      const ttlMs = random.int(250, 400);
      const timeoutMs = random.int(2_500, 3_000);
      const { value, ms, subscribed } = await whileListening(
        context,
        () => call('watchExpiry', sandboxClient, key, timeoutMs),
        [KEYSPACE_EVENT(key), EXPIRED_EVENTS],
        async () => {
          await redis.set(key, random.word(), 'PX', ttlMs);
        },
      );
      expectSubscribed(expect, subscribed, `watchExpiry(redis, '${key}', …)`, KEYSPACE_EVENT(key));
      const pttl = await redis.pttl(key);
      expect.equal(
        value,
        true,
        `watchExpiry(redis, '${key}', …) when ${key} was set to expire in ${ttlMs} ms`,
      );
      expect.ok(
        pttl === -2,
        `watchExpiry(redis, '${key}', …) returned true while ${key} still had ${pttl} ms to live: wait for the "expired" event; SET … PX also sends "set" and "expire" on __keyspace@0__:${key}`,
      );
      // The key lives a few hundred ms; the timeout is seconds: a true at the timeout is late.
      expect.ok(
        ms < timeoutMs,
        `watchExpiry(redis, '${key}', ${timeoutMs}) returned true only after ${Math.round(ms)} ms, though ${key} expired ${ttlMs} ms after it subscribed: resolve true in the 'message' listener, the moment the "expired" event arrives, rather than when the timer runs out`,
      );
    },
  },
  {
    name: "watchExpiry ignores other events on the key and other keys' expiry",
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      // * and ? in the name: taken for a pattern, it matches the look-alike ${key}:lock too.
      const { key, others } = expiryKeys(random, '*?');
      const ttlMs = random.int(600, 800);
      const { value, subscribed } = await whileListening(
        context,
        () => call('watchExpiry', sandboxClient, key, random.int(2_500, 3_000)),
        [KEYSPACE_EVENT(key), EXPIRED_EVENTS],
        async () => {
          for (const other of others)
            await redis.set(other, random.word(), 'PX', random.int(50, 150));
          await redis.set(key, random.word());
          await redis.append(key, random.word());
          await redis.pexpire(key, ttlMs);
        },
      );
      expectSubscribed(expect, subscribed, `watchExpiry(redis, '${key}', …)`, KEYSPACE_EVENT(key));
      const pttl = await redis.pttl(key);
      expect.equal(
        value,
        true,
        `watchExpiry(redis, '${key}', …) when ${key} was set, appended to, then given ${ttlMs} ms to live`,
      );
      expect.ok(
        pttl === -2,
        `watchExpiry(redis, '${key}', …) returned true while ${key} still had ${pttl} ms to live: ${others.join(', ')} expired first, and ${key} itself had "set", "append" and "pexpire" events. Only the "expired" event of ${key} counts`,
      );
    },
  },
  {
    name: 'watchExpiry returns false when the key does not expire in time',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const { key, others } = expiryKeys(random);
      const timeoutMs = random.int(400, 600);
      await redis.set(key, random.word());
      const { value, ms, subscribed, sinceSubscribed, heldUp } = await whileListening(
        context,
        () => call('watchExpiry', sandboxClient, key, timeoutMs),
        [KEYSPACE_EVENT(key), EXPIRED_EVENTS],
        async (running, elapsed) => {
          for (const other of others)
            await redis.set(other, random.word(), 'PX', random.int(50, 150));
          // Deleted is not expired.
          await redis.del(key);
          // Written and deleted again and again while it waits: its time is still counted from
          // the call, and a key missing at the end did not expire for that.
          while (running() && elapsed() < 3 * timeoutMs) {
            await sleep(timeoutMs / 4);
            await redis.multi().set(key, random.word()).del(key).exec();
          }
        },
      );
      expectSubscribed(
        expect,
        subscribed,
        `watchExpiry(redis, '${key}', ${timeoutMs})`,
        KEYSPACE_EVENT(key),
      );
      expect.equal(
        value,
        false,
        `watchExpiry(redis, '${key}', ${timeoutMs}) when ${key} was deleted with DEL (a "del" event, not "expired"), then set and deleted again every ${timeoutMs / 4} ms, and ${others.join(', ')} expired: only an "expired" event of ${key} says true; a missing key may have been deleted, so never conclude it from EXISTS`,
      );
      expect.ok(
        ms >= timeoutMs,
        `watchExpiry(redis, '${key}', ${timeoutMs}) returned false after ${Math.round(ms)} ms: wait the whole ${timeoutMs} ms for the key to expire`,
      );
      expect.ok(
        sinceSubscribed < 2 * timeoutMs + heldUp,
        `watchExpiry(redis, '${key}', ${timeoutMs}) returned ${Math.round(sinceSubscribed)} ms after it subscribed, while the checks wrote and deleted ${key} every ${timeoutMs / 4} ms: give up timeoutMs after the call, with one timer started once, rather than waiting timeoutMs again after each event on the key`,
      );
      // A timeout of 0 is a timeout too: the key cannot expire within it, so false at once.
      const held = context.heldUp();
      const began = performance.now();
      const never = await call('watchExpiry', sandboxClient, key, 0);
      const took = performance.now() - began;
      expect.ok(
        never === false && took < ZERO_TIMEOUT_MS + held(),
        `watchExpiry(redis, '${key}', 0) returned ${JSON.stringify(never)} after ${Math.round(took)} ms: with a timeout of 0 ms, give up at once with false. 0 is a timeout like any other, not a missing argument: do not replace it with a default`,
      );
    },
  },
  {
    name: 'watchExpiry only listens: it sends no command that reads the key',
    // Scripts' commands too: a read inside EVAL, with the name put together there, is a read.
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, random, expect, commands, executed } = context;
      const { key } = expiryKeys(random);
      const ttlMs = random.int(250, 400);
      await redis.set(key, random.word(), 'PX', ttlMs);
      await call('watchExpiry', sandboxClient, key, random.int(1_500, 1_800));
      const sent = commands();
      const reads = (await executed()).filter(
        ({ name, args, keys }) =>
          !SUBSCRIBING.has(name) &&
          !['unsubscribe', 'punsubscribe', 'sunsubscribe'].includes(name) &&
          (keys.includes(key) ||
            args.some((arg) => arg.includes(key)) ||
            ['keys', 'scan'].includes(name)),
      );
      expect.ok(
        reads.length === 0,
        `watchExpiry(redis, '${key}', …) ran ${listed(reads)}${reads.some(({ script }) => script) ? ' (inside a script)' : ''}: it must only listen for the notification. Reading a key whose time is up is what deletes it, so polling makes the "expired" event your own doing, and costs a command every time`,
      );
      expect.ok(
        sent.some(({ name }) => SUBSCRIBING.has(name)),
        `watchExpiry(redis, '${key}', …) never subscribed; it sent: ${listed(sent)}. Subscribe to __keyspace@0__:${key}`,
      );
    },
  },
  {
    name: 'watchExpiry subscribes on a connection of its own, and closes it when it is done',
    async run(context) {
      const { call, sandboxClient, redis, random, expect, commands } = context;
      const { key } = expiryKeys(random);
      const channels = [KEYSPACE_EVENT(key), EXPIRED_EVENTS];
      const once = async (act: () => Promise<void>, timeoutMs: number) => {
        const { subscribed } = await whileListening(
          context,
          () => call('watchExpiry', sandboxClient, key, timeoutMs),
          channels,
          act,
        );
        expectSubscribed(
          expect,
          subscribed,
          `watchExpiry(redis, '${key}', ${timeoutMs})`,
          KEYSPACE_EVENT(key),
        );
        await expectNothingLeft(context, `watchExpiry(redis, '${key}', ${timeoutMs})`, channels);
      };
      await once(
        async () => {
          await redis.set(key, random.word(), 'PX', random.int(100, 200));
        },
        random.int(1_500, 1_800),
      );
      // As in listen's: say shows its lent client's number, and the next call's comes after it.
      const [message] = messages(random, 1) as [ChatMessage];
      await call('say', sandboxClient, random.word(), message.user, message.text);
      const before = [...commands()];
      const lent = nextLentId(before);
      // Long enough for a connection and its SUBSCRIBE on a busy machine (see listen's).
      await once(async () => {}, random.int(400, 500));
      expectOwnConnection(
        expect,
        commands().slice(before.length),
        lent,
        `watchExpiry(redis, '${key}', …)`,
      );
    },
  },
];

export default checks;
