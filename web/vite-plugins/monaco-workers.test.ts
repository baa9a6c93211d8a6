import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { MONACO_WORKERS, withoutSideEffectImports } from './monaco-workers.ts';

it("drops the editor's contributions from Monaco's workers module, and keeps what makes workers", () => {
  const file = createRequire(import.meta.url).resolve('monaco-editor/internal/common/workers.js');
  expect(file).toMatch(MONACO_WORKERS);
  const code = readFileSync(file, 'utf8');
  expect(code).toContain("import '../../editor/contrib/inlineCompletions/");
  const kept = withoutSideEffectImports(code);
  expect(kept).not.toMatch(/^import '/m);
  expect(kept).toContain("import { editor } from '../../editor/editor.api.js';");
  expect(kept).toContain('function createWebWorker(');
});
