import type Redis from 'ioredis';
import type { CheckContext, CheckList, ExecutedCommand, Random } from '../../grader/checks/api.ts';

interface Exports {
  savePreferences(redis: Redis, userId: string, preferences: Record<string, string>): Promise<void>;
  readPreference(redis: Redis, userId: string, name: string): Promise<string | null>;
}

/** Preference names and values a shop might really keep. */
const CHOICES: Record<string, readonly string[]> = {
  theme: ['dark', 'light', 'sepia', 'contrast'],
  language: ['en', 'fr', 'de', 'es', 'pt', 'ja'],
  currency: ['eur', 'usd', 'gbp', 'jpy', 'chf'],
  units: ['metric', 'imperial'],
  timezone: ['utc', 'cet', 'est', 'pst', 'jst'],
  density: ['compact', 'cozy', 'roomy'],
};
const NAMES = Object.keys(CHOICES);

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

/** A user id as the shop's code passes it: digits, in a string. */
const userIdOf = (random: Random) => String(random.int(1, 99_999));

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Ids and names of the shapes code gets wrong: a leading zero (lost to Number()), capitals
 * (lost to toLowerCase()), a colon (lost to "escaping" it), a space inside and at the end (lost to
 * trim()) and an accent, and names outside the six the checks know.
 */
const zeroLedIdOf = (random: Random) => `0${random.int(1, 9_999)}`;
const lettersIdOf = (random: Random) => `${capitalised(random.word(3))}-${random.int(1, 999)}`;
const camelNameOf = (random: Random) =>
  `${random.word(4)}:${random.word(4)}${capitalised(random.word(4))}`;
const spacedNameOf = (random: Random) =>
  `${capitalised(random.word(4))} ${random.word(3)}é${random.word(2)}e\u0301 `;
/**
 * An id of every shape at once, as a form may pass it: spaces at both ends (lost to trim()), a
 * capital and an accent (lost to toLowerCase() and to encodeURIComponent()), a colon (lost to
 * "escaping" it) and digits. One accent is one character (U+00E9), the other an e and a combining
 * U+0301, as a browser may send it: normalizing (NFC or NFD) changes one of them. Any id is the
 * key's middle as it is.
 */
const oddIdOf = (random: Random) =>
  ` ${capitalised(random.word(3))}é:${random.word(2)}e\u0301${random.int(1, 999)} `;
/**
 * A value with quotes and backslashes, which code pasting it into Lua source breaks: `\n` and
 * `\t` become a newline and a tab there, whether or not the quotes were escaped. Its control
 * character is one JSON.stringify writes as `\u0001`, an escape Lua does not know; its spaces at
 * both ends are lost to trim().
 */
const quotedValueOf = (random: Random) =>
  ` ${random.word(4)}'s "${random.word(3)}" C:\\new\\table\u0001 `;
/** A value that starts with a newline, which Lua drops after a long bracket's `[[` or `[==[`. */
const newlineValueOf = (random: Random) => `\n${capitalised(random.word(5))} mode`;
/**
 * A value of text beyond ASCII, which code writing it as latin1 (or any bytes but UTF-8) stores
 * garbled, with a Windows line break (CRLF) that code "tidying" line endings loses.
 */
const textValueOf = (random: Random) =>
  `${capitalised(random.word(4))} Zoë \u{1f319}\r\n${random.word(4)}`;
/** A value that looks like a number but is not one: a leading zero and a final 0, lost to Number(). */
const numberLikeValueOf = (random: Random) => `0${random.int(1, 9)}.${random.int(1, 9)}0`;
/** A value longer than code that caps values (255, 1,024, 4,096, 65,535 characters) keeps. */
const longValueOf = (random: Random) => random.word(8).repeat(9_000);

/** A value as a message shows it: a long one by its start and its length. */
const shownValue = (value: string) =>
  value.length > 60
    ? `${JSON.stringify(value.slice(0, 24))}… (${value.length} characters)`
    : JSON.stringify(value);

/** `a, b and c`. */
function joined(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Two different user ids. */
function twoUserIds(random: Random): [string, string] {
  const first = userIdOf(random);
  let second = userIdOf(random);
  while (second === first) second = userIdOf(random);
  return [first, second];
}

/** `count` different preference names, in a random order. */
function names(random: Random, count: number): string[] {
  const left = [...NAMES];
  const chosen: string[] = [];
  while (chosen.length < count) chosen.push(...left.splice(random.int(0, left.length - 1), 1));
  return chosen;
}

function preferences(random: Random, chosen: readonly string[]): Record<string, string> {
  return Object.fromEntries(chosen.map((name) => [name, random.pick(CHOICES[name] ?? ['on'])]));
}

/** Commands that search the keyspace instead of naming a key. */
const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ');
    return command.script ? `${text} (in a script)` : text;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * Seeds what a shop's Redis holds beside one user's preferences: the same user's other
 * preferences and details, and other users (ids shaped like this one) with the same preferences.
 * None of it is savePreferences's to change.
 */
async function seedNeighbours(
  { redis, random, decoys }: CheckContext<Exports>,
  userId: string,
  kept: readonly string[],
): Promise<void> {
  for (const name of kept)
    await redis.set(keyOf(userId, name), random.pick(CHOICES[name] ?? ['on']));
  await redis.set(`user:${userId}:name`, random.word(7));
  await decoys(userId, 2, async (otherId) => {
    for (const name of NAMES) {
      await redis.set(keyOf(otherId, name), random.pick(CHOICES[name] ?? ['on']));
    }
  });
}

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  if (keys.length === 0) return 'no keys at all';
  return keys.length > 12
    ? `${keys.slice(0, 12).join(', ')} and ${keys.length - 12} more`
    : keys.join(', ');
}

const checks: CheckList<Exports> = [
  {
    name: 'savePreferences stores each preference as a string under user:<id>:pref:<name>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = zeroLedIdOf(random);
      const [
        usual = 'theme',
        empty = 'units',
        other = 'currency',
        text = 'language',
        digits = 'density',
      ] = names(random, 5);
      const saves: { id: string; saved: Record<string, string>; why?: string }[] = [
        // An empty value and an empty name are strings like any other, to be stored as they are.
        {
          id: userId,
          saved: {
            ...preferences(random, [usual]),
            [empty]: '',
            [camelNameOf(random)]: quotedValueOf(random),
            '': random.word(5),
          },
        },
        // A call of its own, judged after the first: pasted into a quoted Lua string, a newline
        // is a syntax error, which would hide the first call's clearer failure.
        { id: userId, saved: { [other]: newlineValueOf(random) } },
        // Text beyond ASCII with a CRLF, and digits that are not a number: stored as they are.
        {
          id: userId,
          saved: { [text]: textValueOf(random), [digits]: numberLikeValueOf(random) },
          why: 'the value is a string, stored as its UTF-8 bytes exactly: not written as latin1, not turned into a number, its line breaks (\\r\\n) kept',
        },
        // The empty id is an id like any other.
        {
          id: '',
          saved: { [usual]: random.word(6) },
          why: `the empty id is an id too: its key is ${keyOf('', usual)}`,
        },
        // A long value, past any cap a database column might have.
        {
          id: userId,
          saved: { [camelNameOf(random)]: longValueOf(random) },
          why: 'a value may be of any length: store it whole, not cut',
        },
        // A whole settings page, once with each choice of every preference: none is a default
        // to be left unsaved.
        ...[0, 1, 2, 3, 4, 5].map((round) => ({
          id: userId,
          saved: Object.fromEntries(
            NAMES.map((name) => {
              const choices = CHOICES[name] ?? ['on'];
              return [name, choices[round % choices.length] ?? 'on'];
            }),
          ),
          why: 'store every preference it is given, whatever its value: no value is a default to be left out',
        })),
      ];
      for (const { id, saved, why } of saves) {
        await call('savePreferences', sandboxClient, id, saved);
        const shownSave = `{ ${Object.entries(saved)
          .map(([name, value]) => `${JSON.stringify(name)}: ${shownValue(value)}`)
          .join(', ')} }`;
        for (const [name, value] of Object.entries(saved)) {
          const key = keyOf(id, name);
          const type = await redis.type(key);
          if (type !== 'string') {
            const note =
              value === ''
                ? '; an empty value is a preference too: SET it like any other'
                : name === ''
                  ? `; the empty name is a name too: its key is ${key}`
                  : why
                    ? `; ${why}`
                    : '';
            expect.equal(
              type,
              'string',
              `TYPE ${key} after savePreferences(redis, '${id}', ${shownSave}) (Redis holds: ${await keysHeld(redis)}${note}; store every entry, whatever its value, under a key made of the id and the name as they are, not trimmed, escaped, normalized or changed)`,
            );
          }
          const held = await redis.get(key);
          if (held !== value) {
            const note = value.startsWith('\n')
              ? "; Lua drops a newline that follows a long bracket's [[ or [==[, so pass values as ARGV"
              : why
                ? `; ${why}`
                : '';
            const advice = `(store the value as it is: not trimmed, and passed as an argument, not pasted into a script's source${note})`;
            if (value.length > 200 || (held?.length ?? 0) > 200) {
              expect.ok(
                false,
                `GET ${key} after savePreferences saved ${shownValue(value)} answers ${held === null ? 'nil' : shownValue(held)} ${advice}`,
              );
            }
            expect.equal(
              held,
              value,
              `GET ${key} after savePreferences saved ${JSON.stringify(value)} ${advice}`,
            );
          }
          const pttl = await redis.pttl(key);
          expect.ok(
            pttl === -1,
            `PTTL ${key} is ${pttl} after savePreferences: it gave the preference an expiry. Saved preferences never expire: SET them without EX, PX or EXPIRE.`,
          );
        }
      }
    },
  },
  {
    name: 'savePreferences replaces a preference saved before',
    async run({ call, sandboxClient, redis, expect, random }) {
      // Letters in the id: code that lower-cases it, or takes such a user for a guest whose
      // preferences expire, meets one here.
      const userId = lettersIdOf(random);
      const [name = 'theme'] = names(random, 1);
      const key = keyOf(userId, name);
      const choices = CHOICES[name] ?? [];
      const old = random.pick(choices);
      const value = random.pick(choices.filter((choice) => choice !== old));
      // The old key had an expiry, which the new value must not inherit.
      await redis.set(key, old, 'EX', 3_600);
      await call('savePreferences', sandboxClient, userId, { [name]: value });
      const got = await redis.get(key);
      if (got !== value) {
        expect.equal(
          got,
          value,
          `GET ${key} (it held '${old}' before savePreferences(redis, '${userId}', { ${name}: '${value}' }); Redis holds: ${await keysHeld(redis)}; the id goes into the key as it is)`,
        );
      }
      const pttl = await redis.pttl(key);
      expect.ok(
        pttl === -1,
        `PTTL ${key} is ${pttl} after savePreferences saved '${value}' over '${old}', which had a TTL of one hour: ${pttl <= 3_600_000 ? 'the new value kept the old expiry (SET … KEEPTTL does that)' : 'it gave the preference an expiry'}. A saved preference never expires: a plain SET, without EX, PX or KEEPTTL, drops the old TTL.`,
      );
      // Another client puts the old value back: saving the same value again must write it again.
      await redis.set(key, old);
      await call('savePreferences', sandboxClient, userId, { [name]: value });
      expect.equal(
        await redis.get(key),
        value,
        `GET ${key} after savePreferences saved '${value}', another client SET it back to '${old}', and savePreferences saved '${value}' again: write every preference every time, not only those your module thinks changed`,
      );
      // The same value, with an expiry: a save that skips a value Redis already holds keeps it.
      await redis.set(key, value, 'EX', 3_600);
      await call('savePreferences', sandboxClient, userId, { [name]: value });
      const again = await redis.pttl(key);
      expect.ok(
        again === -1,
        `PTTL ${key} is ${again} after another client SET it to '${value}' with a TTL of one hour and savePreferences saved '${value}' again: the save left the expiry. SET every preference every time, even one Redis already holds: a plain SET drops the old TTL.`,
      );
    },
  },
  {
    name: 'savePreferences stores nothing else and leaves every other key as it was',
    async run(ctx) {
      const { call, sandboxClient, snapshot, diff, expect, random } = ctx;
      // An id that is not plain digits, which code may take for a guest to keep a list of, or
      // "clean" into another key; and a capitalised name whose lower-case twin the user already
      // has, which a case-insensitive save overwrites.
      const userId = oddIdOf(random);
      const chosen = names(random, 4);
      const [, , twin = 'units'] = chosen;
      const saved = {
        ...preferences(random, chosen.slice(0, 2)),
        [capitalised(twin)]: random.word(6),
      };
      await seedNeighbours(ctx, userId, chosen.slice(2));
      const before = await snapshot();
      await call('savePreferences', sandboxClient, userId, saved);
      const after = await snapshot();
      const changes = diff(before, after);
      const allowed = Object.keys(saved).map((name) => keyOf(userId, name));
      const outside = changes.outside(allowed);
      if (outside.length === 0) return;
      const unwritten = allowed.filter((key) => !after.keys.has(key));
      const notes = [
        unwritten.length > 0
          ? ` It never wrote ${joined(unwritten)}: the id and the name go into the key as they are, spaces, capitals, accents (however composed) and colons included (not trimmed, escaped, encoded, normalized or changed).`
          : '',
        outside.some((change) => change.key === keyOf(userId, twin))
          ? ` Names are case-sensitive: '${capitalised(twin)}' and '${twin}' are two preferences, and saving one leaves the other alone.`
          : '',
      ];
      expect.ok(
        false,
        `savePreferences(redis, '${userId}', ${JSON.stringify(saved)}) may write only ${joined(allowed)}, but it also ${changes.describe(outside)}.${notes.join('')} Store one key per preference and nothing else: the user's other preferences, their other keys and other users' keys stay as they were.`,
      );
    },
  },
  {
    name: 'savePreferences with no preferences stores nothing and does not fail',
    async run(ctx) {
      const { race, sandboxClient, snapshot, diff, expect, random } = ctx;
      const userId = userIdOf(random);
      let before = await snapshot();
      // In a race of one call, a throw reaches verify as `threw`, to be explained.
      await race({
        calls: [['savePreferences', sandboxClient, userId, {}]],
        labels: [`savePreferences(redis, '${userId}', {})`],
        setup: async () => {
          await seedNeighbours(ctx, userId, names(random, 2));
          before = await snapshot();
        },
        verify: async ([outcome]) => {
          expect.ok(
            outcome.threw === undefined,
            `savePreferences(redis, '${userId}', {}) threw "${outcome.threw}". An empty preferences object is allowed and means there is nothing to save: resolve without writing (MSET, for one, refuses to be sent with no keys).`,
          );
          const changes = diff(before, await snapshot());
          expect.ok(
            changes.changes.length === 0,
            `savePreferences(redis, '${userId}', {}) had nothing to save, but it ${changes.describe(changes.changes)}.`,
          );
        },
      });
    },
  },
  {
    name: 'readPreference returns the value Redis holds under user:<id>:pref:<name>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = lettersIdOf(random);
      const [usual = 'theme', empty = 'units', word = 'currency'] = names(random, 3);
      // Values no code could guess, written by the checks rather than by savePreferences; the
      // empty string is a value Redis holds, not a missing key, and a name like any other. Spaces
      // at the ends of a value are part of it, and so are an accent and an emoji, which code
      // decoding the bytes as anything but UTF-8 garbles.
      const seeded: [string, string][] = [
        [usual, ` ${random.word(4)}-${random.word(4)}\t`],
        [spacedNameOf(random), `${random.word(4)}é-${random.word(4)} \u{1f319}`],
        [empty, ''],
        ['', random.word(5)],
        // The word null is a value like any other, not a missing key.
        [word, 'null'],
      ];
      // And the empty id, an id like any other.
      const reads: [string, string, string][] = [
        ...seeded.map(([name, held]) => [userId, name, held] as [string, string, string]),
        ['', camelNameOf(random), random.word(6)],
      ];
      for (const [id, name, held] of reads) {
        const key = keyOf(id, name);
        await redis.set(key, held);
        const returned = await call('readPreference', sandboxClient, id, name);
        const note =
          held === '' || held === 'null'
            ? `, which holds ${JSON.stringify(held)}: return it as it is, null only when the key does not exist`
            : id === ''
              ? `: the empty id is an id too, whose key is ${key}`
              : name === ''
                ? `: the empty name is a name too, whose key is ${key}`
                : returned === null && name !== name.normalize('NFC')
                  ? ': the name writes one é as e and a combining accent (U+0301); use it as given, not normalized'
                  : held !== held.trim()
                    ? ': return the value as Redis holds it, spaces and tabs included'
                    : /[^\x20-\x7e]/.test(held)
                      ? ': Redis holds the value as UTF-8 bytes, to be returned as the same string'
                      : '';
        expect.equal(
          returned,
          held,
          `readPreference(redis, '${id}', '${name}'), compared with GET ${key}${note}`,
        );
      }
    },
  },
  {
    name: 'readPreference returns null for a preference that was never saved',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const userId = userIdOf(random);
      const [missing = 'theme', twin = 'units', ...others] = names(random, 4);
      // The user has other preferences, and other users have this one: none is the answer. Names
      // are case-sensitive: the user's lower-case preference does not answer its capitalised twin.
      await seedNeighbours(ctx, userId, [twin, ...others]);
      for (const name of [missing, capitalised(twin)]) {
        const returned = await call('readPreference', sandboxClient, userId, name);
        const note =
          name === missing
            ? ''
            : `; names are case-sensitive: ${keyOf(userId, twin)} is another preference`;
        expect.equal(
          returned,
          null,
          `readPreference(redis, '${userId}', '${name}') when ${keyOf(userId, name)} does not exist (Redis holds: ${await keysHeld(redis)}${note})`,
        );
      }
    },
  },
  {
    name: 'readPreference answers from Redis, not from a copy of what was saved',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const chosen = names(random, 2);
      const [name = 'theme'] = chosen;
      const key = keyOf(userId, name);
      // A whole settings page, as a module might keep a copy of one save and not of another.
      const page = preferences(random, chosen);
      const saved = page[name] ?? '';
      await call('savePreferences', sandboxClient, userId, page);
      // Another program changes the preference, removes it, and sets it twice more, behind the
      // module's back. Each shape of value (a plain word, word-word) is read and then changed, so
      // a copy kept of either shape shows; the first is read twice before it changes, so a copy
      // kept of a value seen twice shows too.
      let changed = random.word(6);
      while (changed === saved) changed = random.word(6);
      await redis.set(key, changed);
      for (const time of ['', ' again']) {
        const returned = await call('readPreference', sandboxClient, userId, name);
        if (returned === changed) continue;
        // A second read that misses what the first one found: the first changed the key.
        const note = time
          ? ` (Redis now holds: ${await keysHeld(redis)}; a read leaves the key as it was, so GET it, not GETDEL)`
          : '';
        expect.equal(
          returned,
          changed,
          `readPreference(redis, '${userId}', '${name}')${time} after savePreferences saved ${JSON.stringify(page)} and another client then SET ${key} to '${changed}'${note}`,
        );
      }
      await redis.del(key);
      expect.equal(
        await call('readPreference', sandboxClient, userId, name),
        null,
        `readPreference(redis, '${userId}', '${name}') after it had returned '${changed}' twice and another client then deleted ${key} (Redis holds: ${await keysHeld(redis)}): ask Redis every time, even for a value that has not changed for a while`,
      );
      const back = `${random.word(4)}-${random.word(4)}`;
      await redis.set(key, back);
      expect.equal(
        await call('readPreference', sandboxClient, userId, name),
        back,
        `readPreference(redis, '${userId}', '${name}') after it had found no ${key} and another client then SET it to '${back}': ask Redis every time, even for a preference found missing before`,
      );
      await redis.set(key, '');
      expect.equal(
        await call('readPreference', sandboxClient, userId, name),
        '',
        `readPreference(redis, '${userId}', '${name}') after it had returned '${back}' and another client then SET ${key} to '': ask Redis every time, and return '' as it is`,
      );
    },
  },
  {
    name: 'readPreference reads its one key by name, without searching, reading other keys or writing',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, snapshot, diff, expect, random } = ctx;
      const userId = userIdOf(random);
      const [name = 'theme', lower = 'units', ...others] = names(random, 4);
      // A capitalised name: code that looks for its key in another case when it is missing meets
      // one here.
      const missing = capitalised(lower);
      const key = keyOf(userId, name);
      await seedNeighbours(ctx, userId, others);
      // Another program gave the key an expiry, about to strike, which a read must leave as it is,
      // not rescue; and a read of a missing preference must write nothing either. Longer than a
      // check may last (5 s), so that it cannot strike while the check runs.
      await redis.set(key, random.pick(CHOICES[name] ?? ['on']), 'PX', 8_000);
      const before = await snapshot();
      await call('readPreference', sandboxClient, userId, name);
      await call('readPreference', sandboxClient, userId, missing);
      const changes = diff(before, await snapshot());
      const ran = await executed();
      const what = `readPreference(redis, '${userId}', '${name}') (a key with 8 seconds left to live) then readPreference(redis, '${userId}', '${missing}') (no such key)`;
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `${what} looked keys up with ${listed(searches)}; Redis ran: ${listed(ran)}. The key's name is built from the arguments: GET ${key} reads it at once, while KEYS and SCAN walk through every key in the database.`,
      );
      expect.ok(
        changes.changes.length === 0,
        `${what} ${changes.describe(changes.changes)}; Redis ran: ${listed(ran)}. A read changes nothing, whether or not the key exists: GET ${key} leaves the key, its TTL and every other key as they were (GETDEL deletes the key, GETEX with EX or PERSIST changes its TTL).`,
      );
      // Only keys that exist count: a script may build its key from parts passed as arguments.
      const otherKeys = [
        ...new Set(
          ran.flatMap((command) =>
            command.args.filter((arg) => arg !== key && before.keys.has(arg)),
          ),
        ),
      ];
      expect.ok(
        otherKeys.length === 0,
        `${what} also read ${otherKeys.join(', ')}; Redis ran: ${listed(ran)}. Read only the key the arguments name: GET ${key}, then GET ${keyOf(userId, missing)}.`,
      );
    },
  },
  {
    name: "two users' preferences are kept apart",
    async run({ call, sandboxClient, redis, expect, random }) {
      const [first, second] = twoUserIds(random);
      const chosen = names(random, 2);
      const firstPrefs = Object.fromEntries(chosen.map((name) => [name, random.word(6)]));
      const secondPrefs = Object.fromEntries(
        chosen.map((name) => {
          let value = random.word(6);
          while (value === firstPrefs[name]) value = random.word(6);
          return [name, value];
        }),
      );
      await call('savePreferences', sandboxClient, first, firstPrefs);
      await call('savePreferences', sandboxClient, second, secondPrefs);
      for (const [userId, saved] of [
        [first, firstPrefs],
        [second, secondPrefs],
      ] as const) {
        for (const [name, value] of Object.entries(saved)) {
          const returned = await call('readPreference', sandboxClient, userId, name);
          expect.equal(
            returned,
            value,
            `readPreference(redis, '${userId}', '${name}') after users ${first} and ${second} both saved '${name}' (Redis holds: ${await keysHeld(redis)})`,
          );
        }
      }
    },
  },
];

export default checks;
