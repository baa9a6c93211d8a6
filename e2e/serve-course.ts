import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { DIST, distIsCurrent, inputsHash, ROOT } from '../bin/web-build-stamp.js';
import { isRunning } from '../grader/shared/process-running.ts';
import { startTestApp, type TestAppOptions } from '../server/test/test-app.ts';

const BUILDS = join(ROOT, 'node_modules/.cache/keyspace-e2e-web');
/** Longer than a whole test run: a run still serving a build of older sources keeps its files. */
const STALE_BUILD_MS = 2 * 60 * 60_000;
/** Held by the test file building: the others wait for that build rather than make their own. */
const BUILD_LOCK = join(BUILDS, 'build.lock');
/** Longer than any build: a lock this old was left by a run that died, whatever its pid is now. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * The web app built as `npm start` builds it, once for all the browser tests of a run (a build
 * takes many seconds, compressing Monaco's megabytes): web/dist when it was built from the
 * sources as they are (`npm ci` builds it), else a build kept under node_modules/.cache by the
 * hash of its sources, so that the tests never touch web/dist.
 */
async function builtWebApp(): Promise<string> {
  const hash = await inputsHash();
  if (await distIsCurrent(hash)) return DIST;
  const webDir = join(BUILDS, hash.slice(0, 16));
  if (existsSync(join(webDir, 'index.html'))) return webDir;
  await mkdir(BUILDS, { recursive: true });
  return whileHoldingBuildLock(async () => {
    // Built by the test file that held the lock while this one waited.
    if (existsSync(join(webDir, 'index.html'))) return webDir;
    await build(webDir);
    return webDir;
  });
}

/** Builds the web app into `webDir`, then removes builds of older sources. */
async function build(webDir: string): Promise<void> {
  const building = await mkdtemp(join(BUILDS, 'building-'));
  await viteBuild({
    configFile: join(ROOT, 'vite.config.ts'),
    build: { outDir: building, emptyOutDir: true },
    logLevel: 'warn',
  });
  // Another test file may have built the same meanwhile: theirs is as good.
  await rename(building, webDir).catch(() => rm(building, { recursive: true, force: true }));
  // Builds of older sources are of no more use once no test run can still be serving them.
  const stale = Date.now() - STALE_BUILD_MS;
  for (const old of await readdir(BUILDS)) {
    const path = join(BUILDS, old);
    if (/^[0-9a-f]{16}$/.test(old) && path !== webDir && (await stat(path)).mtimeMs < stale) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

/**
 * Runs `work` holding the build lock, a file naming the process that holds it: test files run
 * side by side, and each would otherwise build the same sources at once, for minutes of CPU. A
 * lock whose process is gone, or older than any build, is taken over.
 */
async function whileHoldingBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await writeFile(BUILD_LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const lock = await stat(BUILD_LOCK).catch(() => undefined);
    const holder = Number(await readFile(BUILD_LOCK, 'utf8').catch(() => ''));
    const old = lock !== undefined && Date.now() - lock.mtimeMs > STALE_LOCK_MS;
    // An empty lock is one being written: its holder is alive.
    if ((holder > 0 && !isRunning(holder)) || old) {
      await rm(BUILD_LOCK, { force: true });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(BUILD_LOCK, { force: true });
  }
}

/**
 * Serves the course with the built web app as `npm start` does: a real grader, and an embedded
 * Redis (appState) for learners' progress.
 */
export async function serveCourse(
  options: Omit<TestAppOptions, 'webDir'> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = await startTestApp({ ...options, webDir: await builtWebApp() });
  return { url: app.url, stop: () => app.stop() };
}
