import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { titleFromSlug } from '../content/scaffold/titles.ts';
import { DEFAULT_COURSE_DIR } from '../grader.ts';
import { COURSE_OPTION_USAGE, givenCourseDir } from './course-option.ts';
import { UsageError } from './exit-codes.ts';
import { newExercise } from './new-exercise.ts';
import { newLesson } from './new-lesson.ts';

export const NEW_USAGE = `Usage: keyspace new lesson <slug> [--title T] [--course DIR]
       keyspace new exercise <id> --lesson <slug> [--title T] [--course DIR]

Starts a lesson, or an exercise of a lesson, from a placeholder that already passes
\`keyspace verify\`; never overwrites a file. A new lesson is numbered after the course's
last one; a new exercise is added to the exercises of its lesson's front matter.
  --lesson  the lesson the exercise belongs to, by its slug: lessons/NN-<slug>.md
  --title   the title (default: made from the slug or id, sorted-sets → Sorted sets)
${COURSE_OPTION_USAGE}`;

export async function newCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      lesson: { type: 'string' },
      title: { type: 'string' },
      course: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${NEW_USAGE}\n`);
    return 0;
  }
  const [kind, name, ...rest] = positionals;
  if (!name || rest.length > 0) throw new UsageError(NEW_USAGE);
  if (values.title !== undefined && !/^[^\r\n]*\S[^\r\n]*$/.test(values.title)) {
    throw new UsageError('--title must be one line of text');
  }
  const title = values.title ?? titleFromSlug(name);
  // Not courseDirOption: that refuses a folder without lessons/ and exercises/, which `new` makes.
  const given = givenCourseDir(values.course);
  const courseDir = given === undefined ? DEFAULT_COURSE_DIR : resolve(given);
  const courseFlag = values.course === undefined ? '' : ` --course ${shellWord(values.course)}`;
  const next = (steps: string[]) => `\nNext:\n${steps.map((step) => `  - ${step}\n`).join('')}`;

  if (kind === 'lesson') {
    if (values.lesson !== undefined) {
      throw new UsageError('--lesson is for `keyspace new exercise`, not for a lesson');
    }
    const file = await newLesson(courseDir, name, title);
    process.stdout.write(
      `Created ${file} in ${given ?? courseDir}.\n` +
        next([
          `write the lesson in ${file}, over its placeholder text`,
          `add an exercise to it:  npx keyspace new exercise <id> --lesson ${name}${courseFlag}`,
          `prove the course holds: npx keyspace verify${courseFlag}`,
          `preview it:             npm run dev${courseFlag ? ` --${courseFlag}` : ''}`,
        ]),
    );
    return 0;
  }
  if (kind === 'exercise') {
    if (values.lesson === undefined) {
      throw new UsageError(`which lesson is ${name} part of? Name it with --lesson <slug>`);
    }
    const created = await newExercise(courseDir, name, values.lesson, title);
    process.stdout.write(
      `Created in ${given ?? courseDir}:\n${created.files.map((file) => `  ${file}\n`).join('')}` +
        `Added ${name} to the exercises of ${created.lesson}.\n` +
        next([
          `replace the placeholder in exercises/${name}/ with your exercise (AUTHORING.md)`,
          `prove the course holds: npx keyspace verify${courseFlag}`,
          `preview it:             npm run dev${courseFlag ? ` --${courseFlag}` : ''}`,
        ]),
    );
    return 0;
  }
  throw new UsageError(NEW_USAGE);
}

/** A path as it can be pasted into a shell. */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
