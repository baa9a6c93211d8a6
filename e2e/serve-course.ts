import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { startTestApp, type TestAppOptions } from '../server/test/test-app.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * Builds the web app into a temporary folder and serves it as `npm start` does: a real grader,
 * and an embedded Redis (appState) for learners' progress.
 */
export async function serveCourse(
  options: Omit<TestAppOptions, 'webDir'> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const webDir = await mkdtemp(join(tmpdir(), 'keyspace-web-'));
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    build: { outDir: webDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const app = await startTestApp({ ...options, webDir });
  return {
    url: app.url,
    stop: async () => {
      await app.stop();
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
