import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXERCISE_ID } from '../content/exercise.ts';
import { addExerciseToLesson } from '../content/scaffold/add-exercise-to-lesson.ts';
import { exerciseTemplate } from '../content/scaffold/exercise-template.ts';
import { UsageError } from './exit-codes.ts';
import { writeNewFiles } from './new-files.ts';
import { lessonsOf } from './new-lesson.ts';

export interface NewExercise {
  /** The files made, as the course names them: `exercises/<id>/…`. */
  files: string[];
  /** The lesson whose front matter now names the exercise. */
  lesson: string;
}

/**
 * Writes `exercises/<id>/` with a placeholder exercise that passes verify, and adds `<id>` to the
 * lesson's front matter. Everything is checked before the first file is written.
 */
export async function newExercise(
  courseDir: string,
  id: string,
  lessonSlug: string,
  title: string,
): Promise<NewExercise> {
  if (!EXERCISE_ID.test(id)) {
    throw new UsageError(
      `'${id}' cannot name an exercise: use lower-case letters and digits, words joined by single hyphens (e.g. top-scores)`,
    );
  }
  const lessons = await lessonsOf(courseDir);
  const lesson = lessons.find((candidate) => candidate.id === lessonSlug);
  if (!lesson) {
    throw new UsageError(
      lessons.length === 0
        ? `no lesson ${lessonSlug}: the course has no lessons yet; start one with \`keyspace new lesson ${lessonSlug}\``
        : `no lesson ${lessonSlug}; the course's lessons are: ${lessons.map((known) => known.id).join(', ')}`,
    );
  }
  const owner = lessons.find((other) => other !== lesson && other.exercises.includes(id));
  if (owner) {
    throw new UsageError(
      `${owner.file} names exercise ${id} already, and an exercise belongs to one lesson: use --lesson ${owner.id}`,
    );
  }
  const folder = `exercises/${id}`;
  const dir = join(courseDir, folder);

  const lessonPath = join(courseDir, lesson.file);
  const lessonText = await readFile(lessonPath, 'utf8');
  const wired = addExerciseToLesson(lessonText, id, lesson.file);
  const files = exerciseTemplate(title);

  await mkdir(join(courseDir, 'exercises'), { recursive: true });
  // Not recursive, so that an exercise already there is refused, never written into; whatever
  // exists then, nothing has been written yet.
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    throw new UsageError(`${folder} already exists: pick another id, or edit it`);
  });
  await writeNewFiles(dir, files);
  if (wired !== lessonText) await writeFile(lessonPath, wired);
  return { files: Object.keys(files).map((name) => `${folder}/${name}`), lesson: lesson.file };
}
