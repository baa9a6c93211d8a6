import { yamlTitle } from './titles.ts';

/**
 * A new lesson that passes `keyspace verify` as it is: its block prints what it shows whatever the
 * run, and it links nothing that could be missing. Every part shows the author the format.
 */
export function lessonTemplate(slug: string, title: string): string {
  return `---
title: ${yamlTitle(title)}
summary: Replace this with one sentence that tells the learner what this lesson gives them.
minutes: 15
exercises: []
---

## What you will learn

- replace these lines with three to five things the learner can do after this lesson
- each one something to do, e.g. "store, read and delete a string under a key"

## ${title}

Replace this section with the lesson, in your own words. Explain one idea at a time, and let the
learner try each one in a block they can run.

A \`redis\` block holds Redis commands, one per line, as typed into \`redis-cli\`; the page gives
it a Run button. The \`redis-output\` block right after it shows what \`redis-cli\` prints, and
\`keyspace verify\` checks it exactly: leave it out after commands whose replies change from run
to run (a TTL, a random member).

\`\`\`redis
SET greeting "hello world"
GET greeting
STRLEN greeting
DEL greeting
EXISTS greeting
\`\`\`

\`\`\`redis-output
OK
"hello world"
(integer) 11
(integer) 1
(integer) 0
\`\`\`

Code is TypeScript with ioredis, in \`ts\` blocks:

\`\`\`ts
await redis.set('greeting', 'hello world');
const greeting = await redis.get('greeting');
\`\`\`

Link another lesson by its file name, as \`[Hashes](04-hashes.md)\`, and show a picture kept in
\`lessons/images/\` as \`![what it shows](images/name.svg)\`; \`keyspace verify\` checks that both
resolve. \`keyspace new exercise <id> --lesson ${slug}\` adds an exercise to this lesson.
`;
}
