// Monaco, bundled from the monaco-editor package with its workers: nothing comes from a CDN.
// Imported only by modules loaded lazily (the editor, its warm-up, the solution's diff), so pages
// without an exercise skip it.
// The editor, its features and TypeScript only: `monaco-editor` itself registers ~80 languages.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import editorTypes from 'virtual:editor-types';
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
// Set before any editor exists, so that the TypeScript worker starts with them and never flags
// `import Redis from 'ioredis'`.
typescript.typescriptDefaults.setExtraLibs(editorTypes);
// Completions come from this app's provider, which ranks ioredis's commands for a learner. Set
// before the worker starts too: any change to the defaults restarts it.
typescript.typescriptDefaults.setModeConfiguration({
  ...typescript.typescriptDefaults.modeConfiguration,
  completionItems: false,
});
registerCompletionProvider();

export { monaco };
