// Monaco, bundled from the monaco-editor package with its workers: nothing comes from a CDN.
// Imported only by modules loaded lazily (the editor, its warm-up, the solution's diff), so pages
// without an exercise skip it.
// The editor, its features and TypeScript only: `monaco-editor` itself registers ~80 languages.
import * as monaco from 'monaco-editor/editor';
import './editor-features.ts';
import 'monaco-editor/languages/definitions/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker.js?worker';
import { registerCompletionProvider } from '../completions/completion-provider.ts';

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'typescript' ? new TypeScriptWorker() : new EditorWorker()),
};

// As the sandbox compiles learner code (esbuild, one module at a time, ES2022 syntax) and runs it
// (Node's V8, no DOM). The editor emits nothing, so the target need only accept that syntax.
typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ESNext,
  lib: ['lib.es2023.d.ts'],
  module: typescript.ModuleKind.ESNext,
  // Learner models live under file:/// (code-editor.tsx), so imports find file:///node_modules.
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  strict: true,
  isolatedModules: true,
  // The sandbox's `fs`, `crypto` and `buffer` have a default export, as Node's do.
  esModuleInterop: true,
});
// Completions come from this app's provider, which ranks ioredis's commands for a learner. Set
// before the worker starts too: any change to the defaults restarts it.
typescript.typescriptDefaults.setModeConfiguration({
  ...typescript.typescriptDefaults.modeConfiguration,
  completionItems: false,
});
registerCompletionProvider();

let declaring: Promise<void> | undefined;
let declared = false;

/**
 * Gives the TypeScript service ioredis's declarations (typescript-declarations.ts), once per
 * page. The service starts with the first `typescript` model, and must start with them, or it
 * flags `import Redis from 'ioredis'` until they come: so models are made as TYPESCRIPT_VIEW,
 * coloured alike, until they are here, then turned `typescript` (code-editor.tsx).
 */
export function declareTypes(): Promise<void> {
  declaring ??= import('./typescript-declarations.ts').then(() => {
    declared = true;
  });
  return declaring;
}

/** Whether {@link declareTypes} is done: a model may then be `typescript` from the start. */
export const typesDeclared = () => declared;

export { monaco };
