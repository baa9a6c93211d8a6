import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

/**
 * A production build, in memory, of a tiny web app made of `files` (index.html and its modules),
 * with `plugins`: what a plugin's test looks at. Unminified, so that tests can read the code.
 */
export async function buildFixture(
  files: Record<string, string>,
  plugins: Plugin[],
): Promise<{ html: string; chunks: Rolldown.OutputChunk[] }> {
  const root = await mkdtemp(join(tmpdir(), 'keyspace-vite-fixture-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins,
      build: { write: false, minify: false },
    });
    const output = (Array.isArray(result) ? result : [result]).flatMap((each) =>
      'output' in each ? each.output : [],
    );
    const html = output.find((file) => file.fileName === 'index.html');
    if (html?.type !== 'asset') throw new Error('the fixture built no index.html');
    return {
      html: String(html.source),
      chunks: output.filter((file) => file.type === 'chunk'),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
