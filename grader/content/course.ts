import { readdir, readFile, stat } from 'node:fs/promises';
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
export function loadLessons(courseDir: string): Promise<Lesson[]> {
  return new LessonFiles(courseDir).load();
}

/**
 * A course folder's lessons, each file read and parsed again only when its size or modification
 * time changed: parsing them all takes about 20 ms of the server's one thread, and a reload after
 * one saved file (the live preview) need parse only that one.
 */
export class LessonFiles {
  private readonly parsed = new Map<string, { stamp: string; lesson: Lesson }>();

  constructor(private readonly courseDir: string) {}

  async load(): Promise<Lesson[]> {
    const dir = join(this.courseDir, 'lessons');
    const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    const lessons: Lesson[] = [];
    for (const file of files) {
      const { size, mtimeMs } = await stat(join(dir, file));
      const stamp = `${size}:${mtimeMs}`;
      let known = this.parsed.get(file);
      if (known?.stamp !== stamp) {
        known = { stamp, lesson: parseLesson(file, await readFile(join(dir, file), 'utf8')) };
        this.parsed.set(file, known);
      }
      lessons.push(known.lesson);
    }
    for (const file of this.parsed.keys()) {
      if (!files.includes(file)) this.parsed.delete(file);
    }
    return lessons;
  }
}

function parseLesson(file: string, text: string): Lesson {
  const match = LESSON_FILE.exec(file);
  if (!match) {
    throw new ContentError('lesson files are named NN-slug.md, e.g. 03-set-and-get.md', {
      file: `lessons/${file}`,
    });
  }
  const path = `lessons/${file}`;
  const { data, body, bodyLine } = parseFrontMatter(text, LessonFrontMatter, path);
  return { id: match[2] ?? file, ...data, markdown: body, file: path, markdownLine: bodyLine };
}
