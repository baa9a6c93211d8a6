import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LESSON_SLUG, type Lesson, loadLessons } from '../content/course.ts';
import { lessonTemplate } from '../content/scaffold/lesson-template.ts';
import { UsageError } from './exit-codes.ts';
import { writeNewFiles } from './new-files.ts';

const LAST_NUMBER = 99;

/**
 * Writes `lessons/NN-<slug>.md`, numbered after the course's last lesson, and makes lessons/ and
 * exercises/ if the folder has none yet. Returns the file made, as the course names it.
 */
export async function newLesson(courseDir: string, slug: string, title: string): Promise<string> {
  if (!LESSON_SLUG.test(slug)) {
    throw new UsageError(
      `'${slug}' cannot name a lesson: use lower-case letters and digits, words joined by single hyphens (e.g. sorted-sets)`,
    );
  }
  const lessons = await lessonsOf(courseDir);
  const same = lessons.find((lesson) => lesson.id === slug);
  if (same) throw new UsageError(`lesson ${slug} already exists: ${same.file}`);
  const number = Math.max(0, ...lessons.map((lesson) => numberOf(lesson.file))) + 1;
  if (number > LAST_NUMBER) {
    throw new UsageError(
      `the course has a lesson ${LAST_NUMBER} already: lessons are numbered 01 to ${LAST_NUMBER}`,
    );
  }
  const file = `lessons/${String(number).padStart(2, '0')}-${slug}.md`;
  // exercises/ too: verify and the server read both folders of a course.
  await mkdir(join(courseDir, 'exercises'), { recursive: true });
  await writeNewFiles(courseDir, { [file]: lessonTemplate(slug, title) });
  return file;
}

/** `lessons/07-storing-images.md` → 7. */
function numberOf(file: string): number {
  return Number(/(\d{2})-[^/]*$/.exec(file)?.[1] ?? 0);
}

/** The lessons of a course folder, none when it has no lessons/ yet: `new` is how a course starts. */
export async function lessonsOf(courseDir: string): Promise<Lesson[]> {
  try {
    return await loadLessons(courseDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
