#!/usr/bin/env node
// build-web — builds the web app into web/dist, unless web/dist was built from these very sources.
//
//   node bin/build-web.js           what `npm start` and `npm run dev` run first
//   node bin/build-web.js --force   build whatever the stamp says
//
// A build takes half a minute (it compresses Monaco's megabytes), and most starts change nothing
// of web/: so the build writes a hash of its inputs into web/dist/.inputs-sha256 (dotfiles are not
// served), and a start whose inputs hash the same skips it.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'web/dist');
const STAMP = join(DIST, '.inputs-sha256');
/** What the build reads: a change to any of them is a new build. */
const INPUTS = ['web', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

const hash = await inputsHash();
const built = await readFile(STAMP, 'utf8').catch(() => '');
const hasIndex = await readFile(join(DIST, 'index.html')).then(
  () => true,
  () => false,
);
if (!process.argv.includes('--force') && hasIndex && built.trim() === hash) {
  process.stdout.write('web app: up to date (web/, vite.config.ts and the lockfile unchanged)\n');
  process.exit(0);
}
// The stamp goes first: a build that fails halfway leaves no stamp that claims it finished.
await rm(STAMP, { force: true });
// vite.config.ts names web/ relative to the working folder: npm's, the repository's.
process.chdir(ROOT);
const { build } = await import('vite');
await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
await writeFile(STAMP, `${hash}\n`);

async function inputsHash() {
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
