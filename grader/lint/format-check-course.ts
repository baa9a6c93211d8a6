import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
/** The format and lint rules of a course without a biome.json: what `keyspace new` extends. */
const COURSE_BIOME = fileURLToPath(new URL('./biome.course.json', import.meta.url));

/**
 * Runs Biome over a course's exercises/, printing what it finds as Biome does (a diff for each
 * file it would format otherwise). With `fix`, writes its safe fixes and the formatting instead.
 * Resolves whether everything holds now.
 */
export async function formatCheckCourse(courseDir: string, fix: boolean): Promise<boolean> {
  const own = ['biome.json', 'biome.jsonc'].some((name) => existsSync(join(courseDir, name)));
  const child = spawn(
    process.execPath,
    [
      BIOME,
      'check',
      ...(fix ? ['--write'] : []),
      ...(own ? [] : ['--config-path', COURSE_BIOME]),
      // A course with no TypeScript yet is nothing to complain about.
      '--no-errors-on-unmatched',
      'exercises',
    ],
    { cwd: courseDir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}
