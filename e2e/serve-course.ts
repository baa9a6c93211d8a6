import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { startTestApp, type TestAppOptions } from '../server/test/test-app.ts';

const ROOT = new URL('..', import.meta.url).pathname;
/** What the web app is built from: a change to any of them is a new build. */
const BUILD_INPUTS = [
  'web/src',
  'web/index.html',
  'web/vite-plugins',
  'vite.config.ts',
  'package-lock.json',
];
const BUILDS = join(ROOT, 'node_modules/.cache/keyspace-e2e-web');
/** Longer than a whole test run: a run still serving a build of older sources keeps its files. */
const STALE_BUILD_MS = 2 * 60 * 60_000;

/**
 * The web app built as `npm start` builds it, once for all the browser tests of a run (a build
 * takes many seconds, compressing Monaco's megabytes): kept under node_modules/.cache by a hash
 * of its sources, so a change to them builds again.
 */
async function builtWebApp(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const file of await filesOf(join(ROOT, input))) {
      hash.update(file.slice(ROOT.length)).update(await readFile(file));
    }
  }
  const webDir = join(BUILDS, hash.digest('hex').slice(0, 16));
  if (existsSync(join(webDir, 'index.html'))) return webDir;
  await mkdir(BUILDS, { recursive: true });
  const building = await mkdtemp(join(BUILDS, 'building-'));
  await build({
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
  return webDir;
}

async function filesOf(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path];
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => filesOf(join(path, entry.name))),
  );
  return nested.flat();
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
