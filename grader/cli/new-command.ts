import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { titleFromSlug } from '../content/scaffold/title-from-slug.ts';
import { readSettings } from '../settings/read-settings.ts';
import { commandUsage } from '../settings/usage.ts';
import { defaultCourseDir } from './course-option.ts';
import { UsageError } from './exit-codes.ts';
import {
  FIRST_EXERCISE,
  FIRST_LESSON,
  refuseCourse,
  THIS_KEYSPACE,
  writeCourseFiles,
} from './new-course.ts';

export const NEW_USAGE = commandUsage('new', {
  synopsis: [
    'keyspace new <dir> [--keyspace SPEC]',
    'keyspace new lesson <slug> [--title T] [--course DIR]',
    'keyspace new exercise <id> --lesson SLUG [--title T] [--course DIR]',
  ],
  about: `Starts a course in <dir> (or --course DIR), a lesson, or an exercise of a lesson, from
placeholders that already pass \`keyspace verify\` and \`keyspace lint\`; never overwrites a
file. A new course gets a first lesson and exercise, a package.json that installs
Keyspace, tsconfig.json, biome.json, .gitignore and a GitHub Actions workflow that lints,
verifies and grades a class (a lesson started in an empty folder gets them too). A new
lesson is numbered after the course's last one; a new exercise is added to the exercises
of its lesson's front matter.`,
});

// The scaffolds load once the arguments hold (they read the course with zod, a second of start-up
// or more): --help and a usage error answer without them.
export async function newCommand(argv: string[]): Promise<number> {
  const read = readSettings('new', argv);
  if (read.help) {
    process.stdout.write(`${NEW_USAGE}\n`);
    return 0;
  }
  const { settings, positionals, givenBy } = read;
  // A new course's folder is named on the command line: KEYSPACE_COURSE names the course to add to.
  const courseOption = givenBy.get('course') === 'option' ? settings.course : undefined;
  const [kind, name, ...rest] = positionals;
  if (kind !== 'lesson' && kind !== 'exercise') {
    if (name !== undefined) throw new UsageError(NEW_USAGE);
    return newCourseCommand(kind, { ...settings, course: courseOption });
  }
  if (!name || rest.length > 0) throw new UsageError(NEW_USAGE);
  const title = settings.title ?? titleFromSlug(name);
  // Not courseDirOption: that refuses a folder without lessons/ and exercises/, which `new` makes.
  const given = settings.course;
  const courseDir = given === undefined ? defaultCourseDir() : resolve(given);
  const courseFlag = courseOption === undefined ? '' : ` --course ${shellWord(courseOption)}`;

  if (kind === 'lesson') {
    if (settings.lesson !== undefined) {
      throw new UsageError('--lesson is for `keyspace new exercise`, not for a lesson');
    }
    // A lesson in a folder with no lessons/ starts a course: it gets the files of one.
    const starting = !existsSync(join(courseDir, 'lessons'));
    const { newLesson } = await import('./new-lesson.ts');
    const file = await newLesson(courseDir, name, title);
    const made = starting ? await writeCourseFiles(courseDir, settings.keyspace) : [];
    process.stdout.write(
      `Created ${[file, ...made].join(', ')} in ${given ?? courseDir}.\n` +
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
    if (settings.lesson === undefined) {
      throw new UsageError(`which lesson is ${name} part of? Name it with --lesson <slug>`);
    }
    const { newExercise } = await import('./new-exercise.ts');
    const created = await newExercise(courseDir, name, settings.lesson, title);
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

/**
 * `keyspace new <dir>` or `keyspace new --course DIR`: a course in a folder of its own, with a
 * first lesson and exercise, that passes its own CI workflow once `npm install` has run.
 */
async function newCourseCommand(
  dir: string | undefined,
  values: {
    lesson: string | undefined;
    title: string | undefined;
    course: string | undefined;
    keyspace: string;
  },
): Promise<number> {
  if (dir !== undefined && values.course !== undefined && resolve(dir) !== resolve(values.course)) {
    throw new UsageError(`name the new course's folder once: ${dir} or --course ${values.course}`);
  }
  const given = dir ?? values.course;
  if (given === undefined) throw new UsageError(NEW_USAGE);
  for (const option of ['lesson', 'title'] as const) {
    if (values[option] !== undefined) {
      throw new UsageError(`--${option} is for a lesson or an exercise, not for a new course`);
    }
  }
  const courseDir = resolve(given);
  await refuseCourse(courseDir, given);
  const { keyspace } = values;
  const [{ newLesson }, { newExercise }] = await Promise.all([
    import('./new-lesson.ts'),
    import('./new-exercise.ts'),
  ]);
  const lesson = await newLesson(courseDir, FIRST_LESSON, titleFromSlug(FIRST_LESSON));
  const exercise = await newExercise(
    courseDir,
    FIRST_EXERCISE,
    FIRST_LESSON,
    titleFromSlug(FIRST_EXERCISE),
  );
  const made = [...(await writeCourseFiles(courseDir, keyspace)), lesson, ...exercise.files];
  const cd = `cd ${shellWord(given)}`;
  process.stdout.write(
    `Started a course in ${given}:\n${made.map((file) => `  ${file}\n`).join('')}` +
      next([
        `install Keyspace:       ${cd} && npm install   (from ${keyspace})`,
        `prove the course holds: npx keyspace lint && npx keyspace verify`,
        `preview it:             npx keyspace start --watch`,
        `write ${lesson} and exercises/${FIRST_EXERCISE}/ over their placeholders, and add more: npx keyspace new exercise <id> --lesson ${FIRST_LESSON} (AUTHORING.md)`,
        ...(keyspace === THIS_KEYSPACE
          ? [
              `before you push: CI cannot install ${keyspace}; point devDependencies.keyspace in package.json at a copy it can fetch (npm install --save-dev github:<owner>/keyspace)`,
            ]
          : []),
      ]),
  );
  return 0;
}

function next(steps: string[]): string {
  return `\nNext:\n${steps.map((step) => `  - ${step}\n`).join('')}`;
}

/** A path as it can be pasted into a shell. */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
