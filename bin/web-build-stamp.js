// What the web app in web/dist was built from: a hash of its inputs, written beside the build
// (web/dist/.inputs-sha256; dotfiles are not served). bin/build-web.js skips a build whose stamp
// matches; the browser tests serve web/dist when it does (e2e/serve-course.ts).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const DIST = join(ROOT, 'web/dist');
export const STAMP = join(DIST, '.inputs-sha256');
/** What the build reads: a change to any of them is a new build. */
const INPUTS = ['web', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

/** The hash of the build's inputs as they are now. */
export async function inputsHash() {
  const digest = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await filesOf(join(ROOT, input))) {
      digest
        .update(relative(ROOT, file))
        .update('\0')
        .update(await readFile(file));
    }
  }
  return digest.digest('hex');
}

/** Whether web/dist holds a whole build of the inputs as they are now. */
export async function distIsCurrent(hash) {
  const built = await readFile(STAMP, 'utf8').catch(() => '');
  const hasIndex = await readFile(join(DIST, 'index.html')).then(
    () => true,
    () => false,
  );
  return hasIndex && built.trim() === hash;
}

/** Every file under `path` (or `path` itself), sorted, web/dist aside: the build's own output. */
async function filesOf(path) {
  if (path === DIST) return [];
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path];
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => filesOf(join(path, entry.name))),
  );
  return nested.flat();
}
