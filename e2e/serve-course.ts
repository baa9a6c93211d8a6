import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ConsoleSessions, Grader } from '../grader/index.ts';
import { createApp } from '../server/app.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** Builds the web app into a temporary folder and serves it with a real grader, as `npm start` does. */
export async function serveCourse(): Promise<{ url: string; stop: () => Promise<void> }> {
  const webDir = await mkdtemp(join(tmpdir(), 'keyspace-web-'));
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    build: { outDir: webDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const grader = await Grader.start({ concurrency: 2 });
  const consoles = new ConsoleSessions();
  const server = createApp({ grader, consoles, webDir }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([grader.stop(), consoles.stop()]);
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
