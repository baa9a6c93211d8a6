import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Message, transform } from 'esbuild';
import { ContentError, UnknownExerciseError } from '../errors.ts';
import { type Lesson, loadLessons } from './course.ts';
import { loadExercise } from './exercise.ts';
import { type Problem, problemOf } from './problem.ts';

/**
 * What is wrong with the course's files that can be seen without running anything: front matter,
 * missing files, TypeScript syntax. Quick enough to run on every save (the live preview); the
 * rest (does the solution pass?) is `keyspace verify`'s.
 */
export async function findCourseProblems(courseDir: string): Promise<Problem[]> {
  let lessons: Lesson[];
  try {
    lessons = await loadLessons(courseDir);
  } catch (error) {
    if (error instanceof ContentError) return [problemOf(error, 'lessons/')];
    throw error;
  }
  const found = await Promise.all(
    lessons.flatMap((lesson) =>
      lesson.exercises.map((id) => exerciseProblems(courseDir, id, lesson)),
    ),
  );
  return found.flat();
}

async function exerciseProblems(courseDir: string, id: string, lesson: Lesson) {
  try {
    await loadExercise(courseDir, id);
  } catch (error) {
    if (error instanceof UnknownExerciseError) {
      return [{ file: lesson.file, message: `names exercise ${id}, which has no exercise.md` }];
    }
    if (error instanceof ContentError) return [problemOf(error, `exercises/${id}`)];
    throw error;
  }
  const folder = `exercises/${id}`;
  const wrong = await readdir(join(courseDir, folder, 'wrong')).catch(() => []);
  const files = [
    'starter.ts',
    'solution.ts',
    'checks.ts',
    ...wrong.filter((name) => name.endsWith('.ts')).map((name) => `wrong/${name}`),
  ];
  const problems = await Promise.all(
    files.map((name) => syntaxProblems(courseDir, `${folder}/${name}`)),
  );
  return problems.flat();
}

async function syntaxProblems(courseDir: string, file: string): Promise<Problem[]> {
  const text = await readFile(join(courseDir, file), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    await transform(text, { loader: 'ts', sourcefile: file });
    return [];
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) throw error;
    return errors.map(({ text: what, location }) =>
      location
        ? { file, line: location.line, message: `${what} (column ${location.column + 1})` }
        : { file, message: what },
    );
  }
}
