import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError } from '../errors.ts';
import { EXERCISE_ID } from './exercise.ts';
import { parseFrontMatter } from './front-matter.ts';

/** A lesson's id: its file name without the number, e.g. `set-and-get`. */
export const LESSON_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LESSON_FILE = new RegExp(`^(\\d{2})-(${LESSON_SLUG.source.slice(1, -1)})\\.md$`);

const LessonFrontMatter = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  minutes: z.number().int().positive(),
  exercises: z.array(z.string().regex(EXERCISE_ID, 'must be an exercise folder name')).default([]),
});

export interface Lesson {
  /** The file name without its number and extension: `03-set-and-get.md` is `set-and-get`. */
  id: string;
  title: string;
  summary: string;
  minutes: number;
  exercises: string[];
  /** The lesson text in Markdown, rendered by whoever shows it. */
  markdown: string;
  /** Where the lesson lives, for messages: e.g. `lessons/03-set-and-get.md`. */
  file: string;
  /** The line of the file on which `markdown` starts (after the front matter). */
  markdownLine: number;
}

/** The lessons of a course folder, in the order of their number prefixes. */
export async function loadLessons(courseDir: string): Promise<Lesson[]> {
  const dir = join(courseDir, 'lessons');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  const lessons: Lesson[] = [];
  for (const file of files) {
    const match = LESSON_FILE.exec(file);
    if (!match) {
      throw new ContentError('lesson files are named NN-slug.md, e.g. 03-set-and-get.md', {
        file: `lessons/${file}`,
      });
    }
    const text = await readFile(join(dir, file), 'utf8');
    const path = `lessons/${file}`;
    const { data, body, bodyLine } = parseFrontMatter(text, LessonFrontMatter, path);
    lessons.push({
      id: match[2] ?? file,
      ...data,
      markdown: body,
      file: path,
      markdownLine: bodyLine,
    });
  }
  return lessons;
}
