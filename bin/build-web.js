#!/usr/bin/env node
// build-web — builds the web app into web/dist, unless web/dist was built from these very sources.
//
//   node bin/build-web.js           what `npm install` (prepare), `npm start` and `npm run dev` run
//   node bin/build-web.js --force   build whatever the stamp says
//
// A build takes half a minute (it compresses Monaco's megabytes), and most starts change nothing
// of web/: so the build writes a hash of its inputs into web/dist/.inputs-sha256
// (bin/web-build-stamp.js), and a start whose inputs hash the same skips it.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { distIsCurrent, inputsHash, ROOT, STAMP } from './web-build-stamp.js';

const hash = await inputsHash();
if (!process.argv.includes('--force') && (await distIsCurrent(hash))) {
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
