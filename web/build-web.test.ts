import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

/** bin/build-web.js as `npm start` runs it, in a checkout of its own. */
function buildWeb(root: string) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [join(root, 'bin/build-web.js')], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

/**
 * `npm start` builds the web app only when its sources changed: a checkout of a tiny web app,
 * with this repository's build-web.js and node_modules, built for real by Vite.
 */
describe('bin/build-web.js', () => {
  let root: string;
  const built = () => readFile(join(root, 'web/dist/index.html'), 'utf8');
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'keyspace-build-web-'));
    await mkdir(join(root, 'bin'));
    await mkdir(join(root, 'web/src'), { recursive: true });
    for (const script of ['bin/build-web.js', 'bin/web-build-stamp.js']) {
      await copyFile(join(ROOT, script), join(root, script));
    }
    await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    await writeFile(
      join(root, 'vite.config.ts'),
      "export default { root: 'web', logLevel: 'silent', build: { outDir: 'dist' } };\n",
    );
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(root, 'tsconfig.json'), '{}\n');
    await writeFile(join(root, 'package-lock.json'), '{}\n');
    await writeFile(
      join(root, 'web/index.html'),
      '<!doctype html><title>t</title><script type="module" src="/src/main.ts"></script>\n',
    );
    await writeFile(join(root, 'web/src/main.ts'), "document.title = 'first';\n");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('builds, skips the build while web/ is unchanged, and builds again once it changes', async () => {
    const first = await buildWeb(root);
    expect(first.code, first.output).toBe(0);
    expect(await built()).toContain('<title>t</title>');

    await writeFile(join(root, 'web/dist/index.html'), 'left as it was\n');
    const unchanged = await buildWeb(root);
    expect(unchanged.output).toContain('web app: up to date');
    expect(await built()).toBe('left as it was\n');

    await writeFile(join(root, 'web/src/main.ts'), "document.title = 'second';\n");
    const changed = await buildWeb(root);
    expect(changed.code, changed.output).toBe(0);
    expect(await built()).toContain('<title>t</title>');
  }, 120_000);
});
