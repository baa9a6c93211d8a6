import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_COURSE_DIR, loadLessons } from '../../grader/index.ts';

/** What a simulated learner types for one exercise: the solution, and code that must not pass. */
export interface ExerciseMaterial {
  id: string;
  /** The lesson that presents it: its page is read and its console blocks are run. */
  lesson: string;
  solution: string;
  /** The starter and every `wrong/` solution: each fails or errors when submitted. */
  wrong: string[];
}

export interface CourseMaterial {
  exercises: ExerciseMaterial[];
  /** Each lesson's `redis` blocks, as the lesson page's Run buttons send them to the console. */
  blocks: Map<string, string[]>;
}

const REDIS_BLOCK = /^```redis\n([\s\S]*?)^```/gm;
/**
 * Blocks that wait on purpose (`BLPOP mail 1` on an empty list waits its second out): their time
 * is the command's, not the server's, so they would only blur the console's figures.
 */
const WAITS = /^\s*(BLPOP|BRPOP|BLMOVE|BLMPOP|BRPOPLPUSH|BZPOPMIN|BZPOPMAX|BZMPOP|XREAD|WAIT)\b/im;

/** The course of this repository, read once before the learners start. */
export async function loadCourseMaterial(courseDir = DEFAULT_COURSE_DIR): Promise<CourseMaterial> {
  const lessons = await loadLessons(courseDir);
  const blocks = new Map<string, string[]>();
  const exercises: ExerciseMaterial[] = [];
  for (const lesson of lessons) {
    const found = [...lesson.markdown.matchAll(REDIS_BLOCK)]
      .map((match) => match[1] ?? '')
      .filter((block) => block.trim() !== '' && !WAITS.test(block));
    blocks.set(lesson.id, found.length > 0 ? found : ['PING\n']);
    for (const id of lesson.exercises) {
      const dir = join(courseDir, 'exercises', id);
      const read = (file: string) => readFile(join(dir, file), 'utf8');
      const wrongFiles = (await readdir(join(dir, 'wrong')).catch(() => [])).filter((file) =>
        file.endsWith('.ts'),
      );
      exercises.push({
        id,
        lesson: lesson.id,
        solution: await read('solution.ts'),
        wrong: [
          await read('starter.ts'),
          ...(await Promise.all(wrongFiles.map((file) => read(join('wrong', file))))),
        ],
      });
    }
  }
  if (exercises.length === 0) throw new Error(`the course in ${courseDir} has no exercise`);
  return { exercises, blocks };
}
