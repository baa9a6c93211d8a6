import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const CONFIG = fileURLToPath(new URL('../biome.json', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A file of some part, where the repository would have it, and the one module it imports. */
const IMPORTS: [file: string, from: string][] = [
  ['contracts/reaches-grader.ts', '../grader/index.ts'],
  ['contracts/uses-a-package.ts', 'zod'],
  ['contracts/uses-node.ts', 'node:buffer'],
  ['contracts/uses-a-sibling.ts', './grade-result.ts'],
  ['grader/result/uses-contracts.ts', '../../contracts/index.ts'],
  ['server/routes/uses-contracts.ts', '../../contracts/index.ts'],
  ['queue/uses-contracts.ts', '../contracts/index.ts'],
  ['web/src/features/exercise/api/uses-contracts.ts', '../../../../../contracts/index.ts'],
  ['web/src/features/exercise/api/reaches-grader.ts', '../../../../../grader/index.ts'],
];

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

/**
 * The import rules of biome.json, as Biome applies them to these files: the message of each file
 * whose import is refused. Linted in a folder of their own, with a copy of the real biome.json,
 * so that no other run of Biome ever sees them.
 */
async function refusedImports(): Promise<Map<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'keyspace-contracts-lint-'));
  try {
    await copyFile(CONFIG, join(dir, 'biome.json'));
    for (const [file, from] of IMPORTS) {
      await mkdir(join(dir, dirname(file)), { recursive: true });
      await writeFile(
        join(dir, file),
        `import type { Imported } from '${from}';\n\nexport type Used = Imported;\n`,
      );
    }
    const stdout = await new Promise<string>((resolve) => {
      // Biome exits 1 when it finds errors, as here it must: its report is what matters.
      const args = [BIOME, 'lint', '--vcs-enabled=false', '--reporter=json', '.'];
      execFile(process.execPath, args, { cwd: dir }, (_error, out) => resolve(out));
    });
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
    return new Map(
      diagnostics
        .filter((found) => found.category === 'lint/style/noRestrictedImports')
        .map((found) => [found.location.path, found.message]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('contracts/', () => {
  let refused: Map<string, string>;

  beforeAll(async () => {
    refused = await refusedImports();
  });

  it('may import nothing but its own files: no part, no package, not even Node', () => {
    for (const file of [
      'contracts/reaches-grader.ts',
      'contracts/uses-a-package.ts',
      'contracts/uses-node.ts',
    ]) {
      expect(refused.get(file), file).toMatch(/^contracts\/ is types only/);
    }
    expect(refused.has('contracts/uses-a-sibling.ts')).toBe(false);
  });

  it('may be imported by the grader, the server, the queue and the web app', () => {
    const importers = IMPORTS.filter(([, from]) => from.endsWith('contracts/index.ts'));
    expect(importers).toHaveLength(4);
    for (const [file] of importers) expect(refused.get(file), file).toBeUndefined();
    // The web app's own rule still holds beside it: what it may import is contracts/ only.
    expect(refused.get('web/src/features/exercise/api/reaches-grader.ts')).toMatch(/^web\//);
  });

  it('holds types only: nothing of it is left once TypeScript is stripped', async () => {
    const modules = (await readdir(HERE)).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(modules).toContain('grade-result.ts');
    for (const name of modules) {
      expect(Object.keys(await import(join(HERE, name))), name).toEqual([]);
    }
  });
});
