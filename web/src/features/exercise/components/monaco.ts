// Monaco, bundled from the monaco-editor package with its workers: nothing comes from a CDN.
// Imported only by code-editor.tsx, which is loaded lazily, so pages without an editor skip it.
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';

self.MonacoEnvironment = {
  getWorker: (_id, label) =>
    label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker(),
};

const typescript = monaco.typescript;
typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ES2020,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  strict: true,
  allowNonTsExtensions: true,
});
// Until ioredis's type definitions are loaded into the editor, semantic checks would flag
// `import Redis from 'ioredis'` itself; syntax errors are still shown as the learner types.
typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true });

export { monaco };
