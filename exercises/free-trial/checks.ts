import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  RaceOutcome,
  Random,
  TtlWindow,
} from '../../grader/checks/api.ts';

interface Exports {
  startTrial(redis: Redis, user: string, plan: string, seconds: number): Promise<boolean>;
  extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean>;
  endTrialAt(redis: Redis, user: string, unixSeconds: number): Promise<boolean>;
  makePermanent(redis: Redis, user: string): Promise<boolean>;
}

type Context = CheckContext<Exports>;

// Capitals and spaces: a plan is stored as it is given, never normalised.
const PLANS = ['Basic', 'Pro Monthly', 'Team 10', 'Studio Plus', 'Pro Yearly', 'Family Pack'];
const DAY = 86_400;

const trialKey = (user: string) => `trial:${user}`;
/**
 * A user with a capital, a space, an accent precomposed (é) and one combining (e + U+0301), a
 * colon, a `$&` and a slash, in every check: a user is taken as it is, so code that lower-cases,
 * normalises, escapes or encodes it into the key, or builds the key with String.replace (whose
 * replacement reads `$&` as the text matched), meets another user's key.
 */
const userOf = (random: Random) => {
  const word = random.word(random.int(4, 7));
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} ${random.word(2)}é${random.word(1)}e\u0301:$&/${random.int(1, 9)}`;
};
/** A user of over a thousand characters: past any length a program might cut keys to. */
const longUserOf = (random: Random) =>
  Array.from({ length: 160 }, () => random.word(random.int(3, 9))).join(' ');
/** A user or a plan as a message shows it: quoted, a long one cut in the middle. */
const quoted = (text: string) =>
  JSON.stringify(
    text.length > 80 ? `${text.slice(0, 50)}…${text.slice(-16)} (${text.length} characters)` : text,
  );
/**
 * A user of another shape: spaces at both ends, a digit first. A user is taken as it is, so code
 * that trims it meets another key; and code careful only for users that look like `userOf`'s
 * meets one that does not.
 */
const paddedUserOf = (random: Random) => {
  const word = random.word(random.int(4, 7));
  return ` ${random.int(10, 99)}-${word.charAt(0).toUpperCase()}${word.slice(1)}.${random.word(2)} `;
};
const planOf = (random: Random) => random.pick(PLANS);
/**
 * A plan as a form might send it: lower case first, a double space, spaces at both ends, an
 * accent written as e and a combining U+0301, and a description of a few hundred characters.
 */
const untidyPlanOf = (random: Random) =>
  ` ${random.word(4)}  ${planOf(random)} Cafe\u0301 ${Array.from({ length: 40 }, () => random.word(6)).join(' ')} `;
function otherPlan(random: Random, plan: string): string {
  let other = planOf(random);
  while (other === plan) other = planOf(random);
  return other;
}

/**
 * About `seconds` from now, however it was set: EXPIRE and PEXPIRE land just under it, EXPIREAT
 * from a time rounded down up to a second earlier, rounded up up to a second later.
 */
const ttlWindow = (seconds: number, slackMs = 2500): TtlWindow => ({
  minMs: seconds * 1000 - slackMs,
  maxMs: seconds * 1000 + 1000,
});

/** Redis's clock, in milliseconds: unixSeconds are judged by it, not by the grader's. */
async function redisNowMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** What a key's PTTL says, in words. */
function pttlWords(pttl: number): string {
  if (pttl === -2) return 'the key does not exist';
  if (pttl === -1) return 'the key has no expiry (a permanent trial)';
  return `PTTL ${pttl} ms (about ${Math.round(pttl / 1000)} s left)`;
}

/** When a key ends, in words, from PEXPIRETIME. */
function endWords(pexpiretime: number): string {
  if (pexpiretime === -2) return 'the key does not exist';
  if (pexpiretime === -1) return 'the key has no expiry';
  return `PEXPIRETIME ${pexpiretime}`;
}

/** Other users' trials beside the one a check is about, shaped like its user. */
function otherTrials({ decoys, redis, random }: Context, like: string): Promise<string[]> {
  return decoys(like, 3, async (user) => {
    // One permanent, the others running: touching any of them shows in a diff.
    if (random.int(0, 2) === 0) await redis.set(trialKey(user), planOf(random));
    else await redis.set(trialKey(user), planOf(random), 'EX', random.int(60, 900));
  });
}

/** A user shaped like `like` who has no trial: code cannot tell it from a real one by its look. */
async function missingUser({ redis, random }: Context, like: string): Promise<string> {
  let user = random.id(like);
  while ((await redis.exists(trialKey(user))) === 1) user = random.id(like);
  return user;
}

const outcome = (result: RaceOutcome<boolean>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/** A command as typed into redis-cli, with the script that ran it. */
const show = (command: ExecutedCommand) => {
  const args = command.args.map((arg) => {
    const line = arg.replace(/\s+/g, ' ').trim();
    return line.length > 40 ? `${line.slice(0, 37)}…` : line;
  });
  const text = [command.name.toUpperCase(), ...args].join(' ');
  return command.script ? `${text} (inside ${command.script.toUpperCase()})` : text;
};
const listed = (commands: readonly ExecutedCommand[]) =>
  commands.length === 0 ? 'nothing' : commands.slice(0, 12).map(show).join('; ');

const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** Whether a command sets an expiry from a moment given to Redis, not from a number of seconds. */
function setsAbsoluteEnd(command: ExecutedCommand): boolean {
  const args = command.args.map((arg) => arg.toLowerCase());
  if (command.name === 'expireat' || command.name === 'pexpireat') return true;
  return (
    (command.name === 'set' || command.name === 'getex') &&
    (args.includes('exat') || args.includes('pxat'))
  );
}

/** Whether a command sets an expiry as a number of seconds or milliseconds from now. */
function setsRelativeEnd(command: ExecutedCommand): boolean {
  const args = command.args.map((arg) => arg.toLowerCase());
  if (['expire', 'pexpire', 'setex', 'psetex'].includes(command.name)) return true;
  return (
    (command.name === 'set' || command.name === 'getex') &&
    (args.includes('ex') || args.includes('px'))
  );
}

const VALUE_WRITES = new Set([
  'set',
  'setex',
  'psetex',
  'setnx',
  'getset',
  'mset',
  'msetnx',
  'append',
  'setrange',
  'restore',
  'copy',
  'rename',
  'renamenx',
]);

/** Whether a command writes trial:<user>'s value (the plan), and whether it leaves no end. */
function writesValue(command: ExecutedCommand, key: string): boolean {
  if (!VALUE_WRITES.has(command.name)) return false;
  if (command.name === 'mset' || command.name === 'msetnx') {
    return command.args.some((arg, index) => index % 2 === 0 && arg === key);
  }
  if (['copy', 'rename', 'renamenx'].includes(command.name)) return command.args[1] === key;
  return command.args[0] === key;
}

function writesWithoutEnd(command: ExecutedCommand, key: string): boolean {
  if (!writesValue(command, key)) return false;
  if (['setex', 'psetex'].includes(command.name)) return false;
  if (command.name !== 'set') return true;
  const options = command.args.slice(2).map((arg) => arg.toLowerCase());
  return !['ex', 'px', 'exat', 'pxat'].some((option) => options.includes(option));
}

/** Whether a command gives `key` an end (or deletes it), so that it no longer lasts forever. */
function endsKey(command: ExecutedCommand, key: string): boolean {
  if (!command.keys.includes(key)) return false;
  const options = command.args.slice(1).map((arg) => arg.toLowerCase());
  if (['expire', 'pexpire', 'expireat', 'pexpireat'].includes(command.name)) {
    // GT and XX never give a key without an expiry one: Redis counts it as ending never.
    return !options.includes('gt') && !options.includes('xx');
  }
  if (command.name === 'getex')
    return ['ex', 'px', 'exat', 'pxat'].some((o) => options.includes(o));
  if (['del', 'unlink', 'getdel'].includes(command.name)) return true;
  return writesValue(command, key) && !writesWithoutEnd(command, key);
}

/**
 * Each write of the plan with no end that another client could see so: a script, or a MULTI,
 * runs as one step, and leaves the key without an end only if nothing in it gave one after the
 * write; a command on its own leaves it so until the program's next command.
 */
function endlessWrites(commands: readonly ExecutedCommand[], key: string): ExecutedCommand[] {
  const found: ExecutedCommand[] = [];
  // The write still waiting for its end in the running script, and in each client's MULTI.
  let inScript: ExecutedCommand | undefined;
  let scriptClient: number | undefined;
  const inMulti = new Map<number | undefined, ExecutedCommand | undefined>();
  const scriptEnds = () => {
    if (!inScript) return;
    // A script inside a MULTI is one step of it: the MULTI's later commands may still end the key.
    if (inMulti.has(scriptClient)) inMulti.set(scriptClient, inScript);
    else found.push(inScript);
    inScript = undefined;
  };
  for (const command of commands) {
    if (command.script) {
      if (writesWithoutEnd(command, key)) inScript = command;
      else if (endsKey(command, key)) inScript = undefined;
      continue;
    }
    scriptEnds();
    const { client, name } = command;
    if (SCRIPT_RUNNERS.has(name)) scriptClient = client;
    else if (name === 'multi') inMulti.set(client, undefined);
    else if (name === 'exec' || name === 'discard') {
      const pending = inMulti.get(client);
      if (pending && name === 'exec') found.push(pending);
      inMulti.delete(client);
    } else if (inMulti.has(client)) {
      if (writesWithoutEnd(command, key)) inMulti.set(client, command);
      else if (endsKey(command, key)) inMulti.set(client, undefined);
    } else if (writesWithoutEnd(command, key)) found.push(command);
  }
  scriptEnds();
  return found;
}

/** Whether a write makes its own decision in Redis, as it runs: SET … NX, EXPIRE … GT, PERSIST. */
function decidesItself(command: ExecutedCommand): boolean {
  if (command.name === 'setnx' || command.name === 'persist') return true;
  const options = command.args.slice(2).map((arg) => arg.toLowerCase());
  if (command.name === 'set') return options.some((option) => option === 'nx' || option === 'xx');
  if (['expire', 'pexpire', 'expireat', 'pexpireat'].includes(command.name)) {
    return options.some((option) => ['nx', 'xx', 'gt', 'lt'].includes(option));
  }
  return false;
}

/** Fails when a call of `label` wrote `key` on what an earlier read of it said. */
async function expectNoWriteOnARead(
  { expect, executed, writesOnARead }: Context,
  key: string,
  label: string,
  instead: string,
): Promise<void> {
  const [gap] = writesOnARead(await executed(), key, decidesItself);
  expect.ok(
    gap === undefined,
    `${label}, read ${key} with ${gap ? show(gap.read) : ''}, then wrote it with ${gap ? show(gap.write) : ''} ` +
      'on its own: another client can change the trial between the two, and the write then acts on ' +
      `what your program read, no longer true. ${instead}`,
  );
}

const checks: CheckList<Exports> = [
  {
    name: 'startTrial stores the plan in trial:<user>, ending in the seconds given',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, expectTtl, snapshot, diff } = context;
      const user = paddedUserOf(random);
      const key = trialKey(user);
      const plan = untidyPlanOf(random);
      // Minutes, under any floor a program might invent: the statement allows 1 s or more.
      const seconds = random.int(60, 1800);
      await otherTrials(context, user);
      const before = await snapshot();
      const started = await call('startTrial', sandboxClient, user, plan, seconds);
      expect.equal(started, true, `startTrial('${user}', ${quoted(plan)}, ${seconds}) returned`);
      const type = await redis.type(key);
      expect.ok(
        type === 'string',
        type === 'none'
          ? `after startTrial(${JSON.stringify(user)}, …) there is no key ${JSON.stringify(key)}; Redis holds ` +
              `${(await redis.keys('*'))
                .sort()
                .map((name) => JSON.stringify(name))
                .join(', ')}. ` +
              'Build the key from the user exactly as given: no trimming, no change of case, no encoding, ' +
              'no Unicode normalisation (an accent written as e and a combining U+0301 stays so), no ' +
              'String.replace (whose replacement reads $& as the text matched).'
          : `TYPE ${key}: expected string (the plan's name), got ${type}`,
      );
      expect.equal(
        await redis.get(key),
        plan,
        `GET ${JSON.stringify(key)} (the plan exactly as given, however long: its case, its spaces, and its accent written as an e followed by a combining U+0301, not normalised into é)`,
      );
      await expectTtl(key, ttlWindow(seconds));
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `startTrial('${user}', …) may write ${key} only, but it ${changes.describe(elsewhere)}`,
      );

      // The trial ran out: the user has none again, and may start another, as long as asked.
      await redis.del(key);
      const again = otherPlan(random, plan);
      // Years, past any cap a program might invent: the statement sets none.
      const longer = random.int(5 * 365 * DAY, 20 * 365 * DAY);
      const restarted = await call('startTrial', sandboxClient, user, again, longer);
      const held = await redis.get(key);
      expect.ok(
        restarted === true && held === again,
        `${user}'s trial ended (Redis deleted ${key}); then startTrial('${user}', '${again}', ${longer}) ` +
          `returned ${JSON.stringify(restarted)}, and ${key} holds ${JSON.stringify(held)}: a user with ` +
          'no trial gets one. Ask Redis whether the trial exists, rather than remembering whom you started.',
      );
      await expectTtl(key, ttlWindow(longer));

      // Users of other shapes: one that starts with trial: itself (its key is trial:trial:…), and
      // one of over a thousand characters.
      for (const other of [`trial:${userOf(random)}`, longUserOf(random)]) {
        const otherKey = trialKey(other);
        const otherPlan = planOf(random);
        const otherSeconds = random.int(60, 1800);
        const began = await call('startTrial', sandboxClient, other, otherPlan, otherSeconds);
        const holds = await redis.get(otherKey);
        expect.ok(
          began === true && holds === otherPlan,
          `startTrial(${quoted(other)}, '${otherPlan}', ${otherSeconds}) returned ${JSON.stringify(began)}, and ` +
            `GET ${quoted(otherKey)} answers ${JSON.stringify(holds)}; Redis holds ` +
            `${(await redis.keys('trial:*')).sort().map(quoted).join(', ')}. ` +
            'The key is trial: followed by the user exactly as given: whatever it starts with (trial: too), however ' +
            'long, its colon kept, its accent written as e and a combining U+0301 not normalised, and no ' +
            'String.replace (whose replacement reads $& as the text matched).',
        );
      }
    },
  },
  {
    name: 'startTrial leaves a trial that exists as it is, running or permanent, and returns false',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const [running, permanent] = [userOf(random), userOf(random) + random.word(2)];
      const [runningPlan, permanentPlan] = [planOf(random), planOf(random)];
      await redis.set(trialKey(running), runningPlan, 'EX', random.int(60, 3600));
      await redis.set(trialKey(permanent), permanentPlan);
      const before = await snapshot();
      // Asking again for the plan already held is no restart either: the end stays.
      const asked: [string, string][] = [
        [running, runningPlan],
        [running, otherPlan(random, runningPlan)],
        [permanent, permanentPlan],
        [permanent, otherPlan(random, permanentPlan)],
      ];
      for (const [user, plan] of asked) {
        const seconds = random.int(DAY, 30 * DAY);
        const started = await call('startTrial', sandboxClient, user, plan, seconds);
        const state = user === running ? 'a running trial' : 'a permanent trial (no expiry)';
        expect.equal(
          started,
          false,
          `startTrial('${user}', '${plan}', ${seconds}) when ${trialKey(user)} already holds ${state} of "${user === running ? runningPlan : permanentPlan}" returned`,
        );
      }
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `a user who has a trial keeps it as it is, plan and end, but startTrial ${changes.describe(changes.changes)}`,
      );

      // The refused user's trial ran out: a refusal remembered in the program is no longer true.
      await redis.del(trialKey(running));
      const plan = otherPlan(random, runningPlan);
      const seconds = random.int(DAY, 30 * DAY);
      const started = await call('startTrial', sandboxClient, running, plan, seconds);
      const held = await redis.get(trialKey(running));
      expect.ok(
        started === true && held === plan,
        `startTrial refused '${running}', whose trial was running; then that trial ended (Redis ` +
          `deleted ${trialKey(running)}), and startTrial('${running}', '${plan}', ${seconds}) returned ` +
          `${JSON.stringify(started)}, leaving ${trialKey(running)} holding ${JSON.stringify(held)}: a user ` +
          'with no trial gets one. Ask Redis on every call, rather than remembering whom you refused.',
      );
    },
  },
  {
    name: 'no other client ever sees a new trial without its end',
    logExecuted: true,
    async run({ race, call, sandboxClient, redis, expect, random, executed }) {
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const seconds = random.int(DAY, 30 * DAY);
      // What Redis ran shows the gap however the code pads around it, which the race below may
      // not reach: a write of the plan with no end, in a step that gives it none, leaves the key
      // without one until the program's next command.
      await call('startTrial', sandboxClient, user, plan, seconds);
      const bare = endlessWrites(await executed(), key);
      expect.ok(
        bare.length === 0,
        `startTrial('${user}', '${plan}', ${seconds}) ran ${listed(bare)}${bare[0]?.script ? ', and the script ended' : ''} ` +
          `with ${key} holding no expiry: until your next command, another client could see it so, ` +
          'and had your program stopped there, the trial would never end. Write the plan and its end ' +
          'in one command (SET … EX … NX), or in one script or MULTI. ' +
          `Redis ran on ${key}: ${listed((await executed()).filter((command) => command.args.includes(key)))}`,
      );
      await redis.del(key);
      await race({
        calls: [['startTrial', sandboxClient, user, plan, seconds]],
        labels: [`startTrial('${user}', '${plan}', ${seconds})`],
        interject: [['PTTL', key]],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `startTrial threw: ${result.threw}`);
          const read = steps.find((step) => step.by === 'grader');
          const seen = read?.reply && 'value' in read.reply ? Number(read.reply.value) : undefined;
          expect.ok(
            seen !== -1,
            `another client read PTTL ${key} while startTrial was running, and Redis answered -1: ` +
              `${key} existed with no expiry. Had your program stopped there (a crash, a lost ` +
              'connection), the trial would never end. Write the plan and its end in one command.',
          );
          await expectPttl(redis, expect, key, seconds);
        },
      });
    },
  },
  {
    name: "extendTrial moves a trial's end later and returns true",
    async run(context) {
      const { call, sandboxClient, redis, expect, random, expectTtl, snapshot, diff } = context;
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const left = random.int(60, 3600);
      await redis.set(key, plan, 'EX', left);
      await otherTrials(context, user);
      // Years, past any cap a program might invent: the statement sets none.
      const seconds = random.int(2 * 365 * DAY, 10 * 365 * DAY);
      const before = await snapshot();
      // Both calls within one second of the clock, so that an end rounded to whole seconds (TTL,
      // or EXPIREAT of a second worked out in the program) refuses the second every time: the
      // last 200 ms of a second are waited out, the calls a few milliseconds apart.
      const intoSecond = Date.now() % 1000;
      if (intoSecond > 800) await new Promise((resolve) => setTimeout(resolve, 1010 - intoSecond));
      const moved = await call('extendTrial', sandboxClient, user, seconds);
      expect.equal(
        moved,
        true,
        `extendTrial('${user}', ${seconds}) when ${key} had ${left} s left returned`,
      );
      const firstEnd = await redis.pexpiretime(key);
      await new Promise((resolve) => setTimeout(resolve, 3));
      const movedAgain = await call('extendTrial', sandboxClient, user, seconds);
      const secondEnd = await redis.pexpiretime(key);
      expect.ok(
        movedAgain === true && secondEnd > firstEnd,
        `extendTrial('${user}', ${seconds}) a second time, a few milliseconds later, returned ` +
          `${JSON.stringify(movedAgain)} and moved ${key}'s end from ${firstEnd} to ${endWords(secondEnd)}: ` +
          `${seconds} s from now is a few milliseconds later than before, so the end must move and ` +
          'extendTrial return true. Compare to the millisecond (PTTL, PEXPIRE … GT, or EXPIRE … GT), ' +
          'not in whole seconds (TTL, or a Unix second worked out with your clock).',
      );
      await expectTtl(key, ttlWindow(seconds));
      expect.equal(await redis.get(key), plan, `GET ${key} (the plan must stay as it was)`);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `extendTrial('${user}', …) may change ${key} only, but it ${changes.describe(elsewhere)}`,
      );
    },
  },
  {
    name: 'extendTrial never shortens a trial, and then returns false',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const user = paddedUserOf(random);
      const key = trialKey(user);
      const left = random.int(10 * DAY, 30 * DAY);
      await redis.set(key, planOf(random), 'EX', left);
      const seconds = random.int(60, 9 * DAY);
      const before = await snapshot();
      const moved = await call('extendTrial', sandboxClient, user, seconds);
      const pttl = await redis.pttl(key);
      expect.equal(
        moved,
        false,
        `extendTrial('${user}', ${seconds}) when ${key} had ${left} s left (a later end) returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `${key} had ${left} s left, later than ${seconds} s from now, so extendTrial('${user}', ${seconds}) ` +
          `must leave it as it was; it ${changes.describe(changes.changes)}, and ${key} now has ${pttlWords(pttl)}`,
      );
    },
  },
  {
    name: 'extendTrial never creates a trial that does not exist',
    async run(context) {
      const { call, sandboxClient, expect, random, snapshot, diff } = context;
      const known = userOf(random);
      await otherTrials(context, known);
      const user = await missingUser(context, known);
      const seconds = random.int(3600, 30 * DAY);
      const before = await snapshot();
      const moved = await call('extendTrial', sandboxClient, user, seconds);
      expect.equal(
        moved,
        false,
        `extendTrial('${user}', ${seconds}) when there is no ${trialKey(user)} returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `${user} has no trial (it has ended, or never began), so extendTrial must change nothing; it ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'extendTrial leaves a permanent trial permanent, and returns false',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const user = paddedUserOf(random);
      const key = trialKey(user);
      await redis.set(key, planOf(random));
      const seconds = random.int(3600, 30 * DAY);
      const before = await snapshot();
      const moved = await call('extendTrial', sandboxClient, user, seconds);
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `${key} had no expiry (a paid account that never ends), and extendTrial('${user}', ${seconds}) ` +
          `left it with ${pttlWords(pttl)}: a permanent trial must stay permanent. Redis counts a key ` +
          'without an expiry as ending never, later than any time you can give.',
      );
      expect.equal(
        moved,
        false,
        `extendTrial('${user}', ${seconds}) on a permanent trial returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `extendTrial on a permanent trial must change nothing, but it ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'extendTrial asks Redis on every call: a trial changed by another server is respected',
    async run({ call, sandboxClient, redis, expect, random }) {
      const user = userOf(random);
      const key = trialKey(user);
      await redis.set(key, planOf(random), 'EX', random.int(60, 600));
      const first = random.int(DAY, 5 * DAY);
      expect.equal(
        await call('extendTrial', sandboxClient, user, first),
        true,
        `extendTrial('${user}', ${first}) on a trial with minutes left returned`,
      );

      // Another server cut the trial short (support ended it early): a longer extension than the
      // new end, though shorter than the first one, must move it again. Minutes, under any floor a
      // program might invent: the statement allows 1 s or more.
      const cut = random.int(30, 120);
      await redis.expire(key, cut);
      const second = random.int(300, 1800);
      const movedAgain = await call('extendTrial', sandboxClient, user, second);
      const pttl = await redis.pttl(key);
      expect.ok(
        movedAgain === true && pttl >= second * 1000 - 2500 && pttl <= second * 1000 + 1000,
        `after extendTrial('${user}', ${first}), another client set ${key} to end in ${cut} s; then ` +
          `extendTrial('${user}', ${second}) returned ${JSON.stringify(movedAgain)} and left ${pttlWords(pttl)}: ` +
          `it must move the end to ${second} s from now. Decide on the end Redis holds now, not one your program remembers.`,
      );

      // Another server made it permanent, then the trial was deleted: nothing to extend either time.
      await redis.persist(key);
      const third = random.int(30 * DAY, 60 * DAY);
      const onPermanent = await call('extendTrial', sandboxClient, user, third);
      const afterPermanent = await redis.pttl(key);
      expect.ok(
        onPermanent === false && afterPermanent === -1,
        `another client made ${key} permanent; then extendTrial('${user}', ${third}) returned ` +
          `${JSON.stringify(onPermanent)} and left ${pttlWords(afterPermanent)}: it must return false and leave no expiry`,
      );
      await redis.del(key);
      const onMissing = await call('extendTrial', sandboxClient, user, third);
      const exists = await redis.exists(key);
      expect.ok(
        onMissing === false && exists === 0,
        `another client deleted ${key}; then extendTrial('${user}', ${third}) returned ` +
          `${JSON.stringify(onMissing)}${exists ? ` and ${key} exists again` : ''}: it must return false and create nothing`,
      );

      // Then another server started a new trial: the refusals before say nothing about it.
      await redis.set(key, planOf(random), 'EX', random.int(60, 3600));
      const onNew = await call('extendTrial', sandboxClient, user, third);
      const pttlNew = await redis.pttl(key);
      expect.ok(
        onNew === true && pttlNew >= third * 1000 - 2500 && pttlNew <= third * 1000 + 1000,
        `then another client started a new trial in ${key}, with minutes left; extendTrial('${user}', ${third}) ` +
          `returned ${JSON.stringify(onNew)} and left ${pttlWords(pttlNew)}: it must move the end to ` +
          `${third} s from now. Ask Redis on every call, rather than remembering whom you refused.`,
      );
    },
  },
  {
    name: 'two extensions at the same time leave the later end',
    logExecuted: true,
    async run(context) {
      const { race, call, sandboxClient, redis, expect, random } = context;
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const [shorter, longer] = [random.int(DAY, 5 * DAY), random.int(6 * DAY, 30 * DAY)];
      const calls = random.int(0, 1) === 0 ? [shorter, longer] : [longer, shorter];
      const [one = 0, other = 0] = calls;
      // Two calls of one module, each moving the end, judged from what Redis ran: the race below
      // shows a read-decide-write only in an interleaving that harms.
      await redis.set(key, plan, 'EX', random.int(60, 3600));
      await call('extendTrial', sandboxClient, user, shorter);
      await call('extendTrial', sandboxClient, user, longer);
      await expectNoWriteOnARead(
        context,
        key,
        `extendTrial('${user}', …), called twice`,
        'Let Redis compare and set in one command (EXPIRE … GT), or a script, or WATCH the key and write in MULTI.',
      );
      await race({
        calls: [
          ['extendTrial', sandboxClient, user, one],
          ['extendTrial', sandboxClient, user, other],
        ],
        labels: [`extendTrial('${user}', ${one})`, `extendTrial('${user}', ${other})`],
        setup: async () => {
          await redis.set(key, plan, 'EX', random.int(60, 3600));
        },
        verify: async (results) => {
          const pttl = await redis.pttl(key);
          const longerResult = results[calls.indexOf(longer)];
          expect.ok(
            results.every((result) => result.threw === undefined) &&
              longerResult?.returned === true &&
              pttl >= longer * 1000 - 5000 &&
              pttl <= longer * 1000 + 1000,
            `two extensions of ${key}, by ${shorter} s and by ${longer} s, ran at the same time: the ` +
              `trial must end ${longer} s from now, and extendTrial('${user}', ${longer}) must return ` +
              `true; they returned ${results.map(outcome).join(' and ')}, and ${key} has ${pttlWords(pttl)}. ` +
              'A read of the TTL and a later EXPIRE leave a gap in which the other call can write: ' +
              'let Redis compare and set in one command.',
          );
        },
      });
    },
  },
  {
    name: 'an extension at the same time as makePermanent leaves the trial permanent',
    async run({ race, sandboxClient, redis, expect, random }) {
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const seconds = random.int(DAY, 30 * DAY);
      await race({
        calls: [
          ['extendTrial', sandboxClient, user, seconds],
          ['makePermanent', sandboxClient, user],
        ],
        labels: [`extendTrial('${user}', ${seconds})`, `makePermanent('${user}')`],
        setup: async () => {
          await redis.set(key, plan, 'EX', random.int(60, 3600));
        },
        verify: async ([extend, persist]) => {
          const [pttl, held] = await Promise.all([redis.pttl(key), redis.get(key)]);
          expect.ok(
            extend.threw === undefined && persist.returned === true && pttl === -1 && held === plan,
            `extendTrial('${user}', ${seconds}) and makePermanent('${user}') ran at the same time on a ` +
              `running trial: whichever came first, ${key} must end up permanent, holding "${plan}", ` +
              `and makePermanent must return true; they returned ${outcome(extend)} and ${outcome(persist)}, ` +
              `and ${key} holds ${JSON.stringify(held)} with ${pttlWords(pttl)}. An EXPIRE decided on a TTL ` +
              'read earlier can land after the PERSIST and give the account an end again.',
          );
        },
      });
    },
  },
  {
    name: 'an extension at the same time as the trial ends never brings it back',
    async run({ race, sandboxClient, redis, expect, random }) {
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const seconds = random.int(DAY, 30 * DAY);
      await race({
        calls: [['extendTrial', sandboxClient, user, seconds]],
        labels: [`extendTrial('${user}', ${seconds})`],
        setup: async () => {
          await redis.set(key, plan, 'EX', random.int(60, 3600));
        },
        // As if the trial's time ran out while the extension was on its way.
        interject: [['DEL', key]],
        verify: async ([result]) => {
          const [held, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
          expect.ok(
            result.threw === undefined && held === null,
            `${key} ended (another client deleted it) while extendTrial('${user}', ${seconds}) was ` +
              `running; it returned ${outcome(result)}, and ${key} holds ${JSON.stringify(held)} ` +
              `with ${pttlWords(pttl)}: a trial that has ended stays ended. Never write the plan back; ` +
              'EXPIRE on a missing key creates nothing.',
          );
        },
      });
    },
  },
  {
    name: 'endTrialAt makes the trial end at exactly unixSeconds: earlier, later, or on a permanent trial',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const now = Math.floor((await redisNowMs(redis)) / 1000);
      const [early, late, paid] = [
        userOf(random),
        `${userOf(random)}-${random.word(2)}`,
        `${userOf(random)}${random.int(2, 99)}`,
      ];
      const plans = new Map([early, late, paid].map((user) => [user, planOf(random)]));
      // A long trial cut short, a short one made longer, a permanent account given an end.
      await redis.set(
        trialKey(early),
        plans.get(early) ?? '',
        'EX',
        random.int(40 * DAY, 60 * DAY),
      );
      await redis.set(trialKey(late), plans.get(late) ?? '', 'EX', random.int(60, 3600));
      await redis.set(trialKey(paid), plans.get(paid) ?? '');
      await otherTrials(context, early);
      const ends = new Map([
        [early, now + random.int(3600, 30 * DAY)],
        [late, now + random.int(2 * DAY, 60 * DAY)],
        [paid, now + random.int(DAY, 365 * DAY)],
      ]);
      const what = new Map([
        [early, 'a trial due to end later'],
        [late, 'a trial due to end sooner'],
        [paid, 'a permanent trial'],
      ]);
      const before = await snapshot();
      for (const [user, at] of ends) {
        const key = trialKey(user);
        const ended = await call('endTrialAt', sandboxClient, user, at);
        expect.equal(ended, true, `endTrialAt('${user}', ${at}) on ${what.get(user)} returned`);
        const end = await redis.pexpiretime(key);
        expect.ok(
          end === at * 1000,
          `endTrialAt('${user}', ${at}) on ${what.get(user)}: PEXPIRETIME ${key} must answer ` +
            `${at * 1000}, but ${endWords(end)}${end > 0 ? ` (${end - at * 1000} ms off)` : ''}. ` +
            'Give Redis the moment itself, in seconds (EXPIREAT) or milliseconds (PEXPIREAT).',
        );
        expect.equal(
          await redis.get(key),
          plans.get(user),
          `GET ${key} (the plan must stay as it was)`,
        );
      }
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([...ends.keys()].map(trialKey));
      expect.ok(
        elsewhere.length === 0,
        `endTrialAt may change the trial it is given only, but it ${changes.describe(elsewhere)}`,
      );
    },
  },
  {
    name: 'endTrialAt with a moment already past ends the trial at once',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const user = userOf(random);
      const key = trialKey(user);
      await redis.set(key, planOf(random), 'EX', random.int(DAY, 30 * DAY));
      await otherTrials(context, user);
      // Another user whose name begins with this one's, as Adam's begins with Ada's: a pattern
      // built from the user finds that trial too.
      const longer = `${user}${random.word(2)}`;
      await redis.set(trialKey(longer), planOf(random), 'EX', random.int(DAY, 30 * DAY));
      const now = Math.floor((await redisNowMs(redis)) / 1000);
      const at = now - random.int(60, 30 * DAY);
      const before = await snapshot();
      const ended = await call('endTrialAt', sandboxClient, user, at);
      const exists = await redis.exists(key);
      expect.ok(
        ended === true && exists === 0,
        `endTrialAt('${user}', ${at}), ${now - at} s in the past, on a running trial returned ` +
          `${JSON.stringify(ended)}${exists ? ` and ${key} still exists` : ''}: the trial ends at once ` +
          '(Redis deletes the key), and endTrialAt returns true, since there was a trial to end.',
      );
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `endTrialAt('${user}', ${at}) may end ${key} only, but it ${changes.describe(elsewhere)}. ` +
          `Give that key its end (EXPIREAT ${key} ${at}), and Redis deletes it alone.`,
      );
    },
  },
  {
    name: 'endTrialAt returns false for a trial that does not exist, and creates nothing',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const known = userOf(random);
      await otherTrials(context, known);
      const user = await missingUser(context, known);
      const at = Math.floor((await redisNowMs(redis)) / 1000) + random.int(DAY, 30 * DAY);
      const before = await snapshot();
      const ended = await call('endTrialAt', sandboxClient, user, at);
      expect.equal(
        ended,
        false,
        `endTrialAt('${user}', ${at}) when there is no ${trialKey(user)} returned`,
      );
      // A moment already past, too: there is still no trial to end.
      const past = at - random.int(31 * DAY, 60 * DAY);
      const endedPast = await call('endTrialAt', sandboxClient, user, past);
      expect.equal(
        endedPast,
        false,
        `endTrialAt('${user}', ${past}), a moment already past, when there is no ${trialKey(user)} returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `${user} has no trial, so endTrialAt must change nothing; it ${changes.describe(changes.changes)}`,
      );

      // Another server then started a trial for that user: "no trial" is no longer true.
      const key = trialKey(user);
      await redis.set(key, planOf(random), 'EX', random.int(60, 3600));
      const endedNew = await call('endTrialAt', sandboxClient, user, at);
      const end = await redis.pexpiretime(key);
      expect.ok(
        endedNew === true && end === at * 1000,
        `then another client started a trial in ${key}; endTrialAt('${user}', ${at}) returned ` +
          `${JSON.stringify(endedNew)}, and ${endWords(end)}: it must return true and end the trial at ` +
          `${at * 1000} ms. Ask Redis on every call, rather than remembering who had no trial.`,
      );
    },
  },
  {
    name: 'endTrialAt gives Redis the moment itself (EXPIREAT or PEXPIREAT), not seconds from now',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const user = userOf(random);
      const key = trialKey(user);
      await redis.set(key, planOf(random), 'EX', random.int(60, 3600));
      const at = Math.floor((await redisNowMs(redis)) / 1000) + random.int(DAY, 30 * DAY);
      await call('endTrialAt', sandboxClient, user, at);
      const ran = (await executed()).filter(
        (command) => !SCRIPT_RUNNERS.has(command.name) && command.args.includes(key),
      );
      const relative = ran.filter(setsRelativeEnd);
      expect.ok(
        ran.some(setsAbsoluteEnd) && relative.length === 0,
        `endTrialAt('${user}', ${at}) must hand Redis the moment, ${at}, with EXPIREAT (or ` +
          `PEXPIREAT ${at * 1000}); ${relative.length > 0 ? `it sent a number of seconds from now instead, worked out with your program's clock` : 'it set no end from that moment'}. ` +
          `Redis ran on ${key}: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'makePermanent removes the expiry, keeps the plan, and returns true',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      const left = random.int(60, 30 * DAY);
      await redis.set(key, plan, 'EX', left);
      await otherTrials(context, user);
      const before = await snapshot();
      const made = await call('makePermanent', sandboxClient, user);
      expect.equal(made, true, `makePermanent('${user}') on a trial with ${left} s left returned`);
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `after makePermanent('${user}'), ${key} must exist with no expiry (PTTL -1), but ${pttlWords(pttl)}` +
          (pttl === -2
            ? '. An expiry of -1 does not mean "never": EXPIRE with a time already past deletes the key.'
            : pttl > 0
              ? '. A very long expiry is still an expiry: remove it.'
              : ''),
      );
      expect.equal(await redis.get(key), plan, `GET ${key} (the plan must stay as it was)`);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `makePermanent('${user}') may change ${key} only, but it ${changes.describe(elsewhere)}`,
      );

      // The user cancelled through another server, which gave the trial an end, then paid again.
      const cancelled = random.int(60, 30 * DAY);
      await redis.expire(key, cancelled);
      const madeAgain = await call('makePermanent', sandboxClient, user);
      const pttlAgain = await redis.pttl(key);
      expect.ok(
        madeAgain === true && pttlAgain === -1,
        `after makePermanent('${user}'), another client gave ${key} an end ${cancelled} s away; ` +
          `then makePermanent('${user}') returned ${JSON.stringify(madeAgain)} and left ${pttlWords(pttlAgain)}: ` +
          'it must remove that end and return true. Ask Redis on every call, not a list of whom you made permanent.',
      );
    },
  },
  {
    name: 'makePermanent returns false, and changes nothing, when there is no trial or it is already permanent',
    async run(context) {
      const { call, race, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const paid = userOf(random);
      await redis.set(trialKey(paid), planOf(random));
      await otherTrials(context, paid);
      const missing = await missingUser(context, paid);
      const before = await snapshot();
      const onPaid = await call('makePermanent', sandboxClient, paid);
      expect.equal(
        onPaid,
        false,
        `makePermanent('${paid}') when ${trialKey(paid)} has no expiry returned`,
      );
      const onMissing = await call('makePermanent', sandboxClient, missing);
      expect.equal(
        onMissing,
        false,
        `makePermanent('${missing}') when there is no ${trialKey(missing)} returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `there was no expiry to remove, so makePermanent must change nothing; it ${changes.describe(changes.changes)}`,
      );

      // Other servers then gave both users a running trial: the answers of 0 before are stale.
      for (const [user, what] of [
        [paid, 'gave the permanent trial an end'],
        [missing, 'started a trial'],
      ] as const) {
        const key = trialKey(user);
        await redis.set(key, planOf(random), 'EX', random.int(60, 3600));
        const made = await call('makePermanent', sandboxClient, user);
        const pttl = await redis.pttl(key);
        expect.ok(
          made === true && pttl === -1,
          `makePermanent('${user}') returned false, rightly; then another client ${what} in ${key}, ` +
            `and makePermanent('${user}') returned ${JSON.stringify(made)}, leaving ${pttlWords(pttl)}: it ` +
            'must remove that end and return true. Ask Redis on every call, rather than remembering its answers.',
        );
      }

      // Another server makes the trial permanent while makePermanent runs: whichever removed
      // the expiry says so, and only that one. An answer taken from a TTL read before PERSIST
      // claims a removal that the other did.
      const user = userOf(random);
      const key = trialKey(user);
      const plan = planOf(random);
      await race({
        calls: [['makePermanent', sandboxClient, user]],
        labels: [`makePermanent('${user}')`],
        setup: async () => {
          await redis.set(key, plan, 'EX', random.int(60, 3600));
        },
        interject: [['PERSIST', key]],
        verify: async ([result], steps) => {
          const theirs = steps.find((step) => step.by === 'grader');
          const removedByThem =
            theirs?.reply && 'value' in theirs.reply ? Number(theirs.reply.value) === 1 : false;
          const [pttl, held] = await Promise.all([redis.pttl(key), redis.get(key)]);
          expect.ok(
            result.threw === undefined &&
              result.returned === !removedByThem &&
              pttl === -1 &&
              held === plan,
            `another client sent PERSIST ${key} while makePermanent('${user}') ran, and Redis answered ` +
              `${removedByThem ? '1: that client removed the expiry' : '0: makePermanent had removed it already'}; ` +
              `makePermanent returned ${outcome(result)}, and ${key} holds ${JSON.stringify(held)} with ` +
              `${pttlWords(pttl)}. Return what your own PERSIST answered (1: it removed the expiry), ` +
              'not what a TTL read before it said.',
          );
        },
      });
    },
  },
  {
    name: 'every function reads trial:<user> by its name, never with KEYS or SCAN',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed } = context;
      const user = userOf(random);
      await otherTrials(context, user);
      const at = Math.floor((await redisNowMs(redis)) / 1000) + random.int(DAY, 30 * DAY);
      await call('startTrial', sandboxClient, user, planOf(random), random.int(60, 3600));
      await call('extendTrial', sandboxClient, user, random.int(DAY, 5 * DAY));
      await call('endTrialAt', sandboxClient, user, at);
      await call('makePermanent', sandboxClient, user);
      // The answers of 0 too: a search to tell "no trial" from "nothing to change" is a search.
      await call('startTrial', sandboxClient, user, planOf(random), random.int(60, 3600));
      await call('extendTrial', sandboxClient, user, random.int(DAY, 5 * DAY));
      await call('makePermanent', sandboxClient, user);
      const missing = await missingUser(context, user);
      await call('extendTrial', sandboxClient, missing, random.int(DAY, 5 * DAY));
      await call('endTrialAt', sandboxClient, missing, at);
      await call('makePermanent', sandboxClient, missing);
      // A moment already past too: ending a trial at once is no reason to search for it.
      await call('endTrialAt', sandboxClient, user, at - random.int(31 * DAY, 60 * DAY));
      const all = await executed();
      const searches = all.filter((command) => command.name === 'keys' || command.name === 'scan');
      expect.ok(
        searches.length === 0,
        `each function is given the user, so it knows the key, ${trialKey(user)}: KEYS and SCAN walk ` +
          `every key in Redis (and KEYS stops every other client while it does). Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'only startTrial writes the plan: the other functions change the end alone',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed } = context;
      const user = userOf(random);
      const key = trialKey(user);
      await redis.set(key, planOf(random), 'EX', random.int(60, 3600));
      await otherTrials(context, user);
      const at = Math.floor((await redisNowMs(redis)) / 1000) + random.int(40 * DAY, 60 * DAY);
      const calls: [string, () => Promise<unknown>][] = [
        [
          `extendTrial('${user}', …)`,
          () => call('extendTrial', sandboxClient, user, random.int(DAY, 5 * DAY)),
        ],
        [`endTrialAt('${user}', ${at})`, () => call('endTrialAt', sandboxClient, user, at)],
        [`makePermanent('${user}')`, () => call('makePermanent', sandboxClient, user)],
      ];
      let seen = 0;
      for (const [label, run] of calls) {
        await run();
        const ran = (await executed()).slice(seen);
        seen += ran.length;
        // Inside a script or a WATCHed MULTI too: the statement lets startTrial alone write the
        // plan, and a write of the same value is still a write (a new "set" event, the whole value
        // sent again to replicas and the AOF).
        const writes = ran.filter((command) => writesValue(command, key));
        expect.ok(
          writes.length === 0,
          `${label} wrote the plan again, with ${listed(writes)}: only startTrial writes the plan, ` +
            'not even a script may write it back. Sent on its own, such a write also brings back a ' +
            'trial that ended, was made permanent or given another end since your program read it. ' +
            'Change the end alone: EXPIRE … GT, EXPIREAT or PERSIST. ' +
            `Redis ran on ${key}: ${listed(ran.filter((command) => command.args.includes(key)))}`,
        );
      }
    },
  },
  {
    name: 'two startTrial calls at the same time start one trial, not two',
    logExecuted: true,
    async run(context) {
      const { race, call, sandboxClient, redis, expect, random } = context;
      const user = userOf(random);
      const key = trialKey(user);
      const plans = [planOf(random), ''];
      plans[1] = otherPlan(random, plans[0] ?? '');
      const [first = '', second = ''] = plans;
      const seconds = [random.int(DAY, 10 * DAY), random.int(11 * DAY, 30 * DAY)];
      const [one = 0, other = 0] = seconds;
      // Two calls of one module, each starting a trial, judged from what Redis ran: the race below
      // shows a read-decide-write only in an interleaving that harms. This check comes last, so
      // these are the module's last startTrial calls: code careful for its first calls only (the
      // ones a test suite makes) is judged on the calls where it is careless.
      await call('startTrial', sandboxClient, user, first, one);
      await redis.del(key);
      await call('startTrial', sandboxClient, user, second, other);
      await expectNoWriteOnARead(
        context,
        key,
        `startTrial('${user}', …), called twice`,
        'Let one command check and write (SET … EX … NX), or a script, or WATCH the key and write in MULTI.',
      );
      await race({
        calls: [
          ['startTrial', sandboxClient, user, first, one],
          ['startTrial', sandboxClient, user, second, other],
        ],
        labels: [
          `startTrial('${user}', '${first}', ${one})`,
          `startTrial('${user}', '${second}', ${other})`,
        ],
        verify: async (results) => {
          const [plan, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
          const winners = results.flatMap((result, index) =>
            result.returned === true ? [index] : [],
          );
          const [winner] = winners;
          const wonPlan = winner === undefined ? undefined : plans[winner];
          const wonSeconds = winner === undefined ? 0 : (seconds[winner] ?? 0);
          expect.ok(
            winners.length === 1 &&
              results.every((result) => result.threw === undefined) &&
              plan === wonPlan &&
              pttl >= wonSeconds * 1000 - 5000 &&
              pttl <= wonSeconds * 1000 + 1000,
            `${user} had no trial, and two startTrial calls ran at the same time: exactly one must ` +
              `return true, and ${key} must hold that one's plan and end; they returned ` +
              `${results.map(outcome).join(' and ')}, and ${key} holds ${JSON.stringify(plan)} with ${pttlWords(pttl)}. ` +
              'Checking first and writing afterwards leaves a gap another call can use: let one command check and write.',
          );
        },
      });
    },
  },
];

/** Fails unless `key` ends about `seconds` from now. */
async function expectPttl(
  redis: Redis,
  expect: Context['expect'],
  key: string,
  seconds: number,
): Promise<void> {
  const pttl = await redis.pttl(key);
  expect.ok(
    pttl >= seconds * 1000 - 5000 && pttl <= seconds * 1000 + 1000,
    `${key} must end ${seconds} s from now, but ${pttlWords(pttl)}`,
  );
}

export default checks;
