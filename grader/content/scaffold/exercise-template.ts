import { yamlTitle } from './titles.ts';

/** The check names, shared by checks.ts and the `// fails:` line of each wrong solution. */
const CHECK = {
  holds: 'the key holds the value given',
  expires: 'the key expires after the seconds given',
  returns: 'remember returns what GET reads back',
} as const;

const SIGNATURE = `export async function remember(
  redis: Redis,
  key: string,
  value: string,
  seconds: number,
): Promise<string | null>`;

/**
 * The files of a new exercise folder, by their path inside it: a small exercise about Redis that
 * passes `keyspace verify` and `keyspace lint` as it is, for the author to replace. checks.ts
 * imports the checks API by the package's name, `keyspace/checks`, which holds wherever the course
 * moves; it imports types only, so nothing of it is left at run time.
 */
export function exerciseTemplate(title: string): Record<string, string> {
  return {
    'exercise.md': `---
title: ${yamlTitle(title)}
hints:
  - "Redis can store a value and its expiry in one command: look at the options of \`SET\`."
  - "\`await redis.set(key, value, 'EX', seconds)\` stores the value for \`seconds\` seconds; \`return redis.get(key)\` hands back what Redis holds."
run:
  - { call: remember, args: [$redis, greeting, hello, 60] }
---

> A placeholder made by \`keyspace new exercise\`, which passes \`keyspace verify\` as it is.
> Replace the statement, the hints, the Run scenario, the checks, the starter, the solution and
> the wrong solutions with your own exercise (see AUTHORING.md).

Write the function \`remember\`, which receives a connected ioredis client, a key, a value and a
number of seconds:

\`\`\`ts
${SIGNATURE};
\`\`\`

It must

1. store \`value\` under \`key\`, so that the key expires after \`seconds\` seconds, and
2. read the key back from Redis and return the value Redis holds.

Return what \`GET\` answered, not the value you were given: the checks look at the commands your
code sent.
`,

    'starter.ts': `import type Redis from 'ioredis';

${SIGNATURE} {
  // TODO: store value under key, so that the key expires after \`seconds\` seconds.
  // TODO: read the key back from Redis and return what it holds.
  void [redis, key, value, seconds];
  return null;
}
`,

    'solution.ts': `import type Redis from 'ioredis';

${SIGNATURE} {
  // EX stores the value and its expiry in one command: the key never lives without its TTL.
  await redis.set(key, value, 'EX', seconds);
  // What Redis holds now, not the argument: the checks compare the two.
  return redis.get(key);
}
`,

    'checks.ts': `// The checks of this placeholder exercise: replace them with your own, three or more. They run
// in this order, each against an emptied sandbox, and the learner sees each one's name as its
// title. What a check receives, and the rules it keeps: AUTHORING.md ("Checks").
import type Redis from 'ioredis';
import type { CheckList, Random } from 'keyspace/checks';

interface Exports {
  remember(redis: Redis, key: string, value: string, seconds: number): Promise<string | null>;
}

/** New data on every run, so that an answer typed into the code instead of computed fails. */
function aNote(random: Random) {
  return { key: \`note:\${random.word(6)}\`, value: random.word(8), seconds: random.int(60, 3600) };
}

const checks: CheckList<Exports> = [
  {
    name: '${CHECK.holds}',
    async run({ call, sandboxClient, redis, random, expect }) {
      const { key, value, seconds } = aNote(random);
      await call('remember', sandboxClient, key, value, seconds);
      // The type first: no key at all, or a key of another type, is the likelier mistake.
      expect.equal(await redis.type(key), 'string', \`TYPE \${key}\`);
      expect.equal(await redis.get(key), value, \`GET \${key}\`);
    },
  },
  {
    name: '${CHECK.expires}',
    async run({ call, sandboxClient, redis, random, expect }) {
      const { key, value, seconds } = aNote(random);
      await call('remember', sandboxClient, key, value, seconds);
      const ttl = await redis.ttl(key);
      // TTL counts whole seconds, and one may pass between the call and this read.
      expect.ok(
        ttl === seconds || ttl === seconds - 1,
        \`TTL \${key}: expected \${seconds}, got \${ttl} (-1: the key never expires; -2: it is not there)\`,
      );
    },
  },
  {
    name: '${CHECK.returns}',
    async run({ call, sandboxClient, redis, commands, random, expect }) {
      const { key, value, seconds } = aNote(random);
      const returned = await call('remember', sandboxClient, key, value, seconds);
      expect.equal(returned, await redis.get(key), \`what remember returned, and GET \${key}\`);
      const sent = commands().map((command) => command.name);
      expect.ok(
        sent.includes('get'),
        \`remember must read the key back with GET, but it sent: \${sent.join(', ') || 'nothing'}\`,
      );
    },
  },
];

export default checks;
`,

    'wrong/no-expiry.ts': `// fails: ${CHECK.expires}
import type Redis from 'ioredis';

// Stores the value for ever: without EX (or an EXPIRE after it) the key never expires.
${SIGNATURE} {
  void seconds;
  await redis.set(key, value);
  return redis.get(key);
}
`,

    'wrong/returns-its-argument.ts': `// fails: ${CHECK.returns}
import type Redis from 'ioredis';

// Returns the value it was given, not what Redis holds: it would say the same if the write failed.
${SIGNATURE} {
  await redis.set(key, value, 'EX', seconds);
  return value;
}
`,
  };
}
