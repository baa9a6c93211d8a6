import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { mergeLiteralOverloads } from './merge-overloads.ts';

/** A declaration file, at the URI where the editor's TypeScript worker looks for it. */
export interface EditorTypeFile {
  filePath: string;
  content: string;
}

/** Imported by monaco.ts only, so the declarations load with the editor and never with a page. */
export const EDITOR_TYPES_MODULE = 'virtual:editor-types';
const RESOLVED_ID = `\0${EDITOR_TYPES_MODULE}`;

const ENTRY_MODULES = [
  'ioredis',
  // What else learner code may import in the sandbox (grader/runner/isolate-runtime/modules.ts).
  'fs',
  'fs/promises',
  'crypto',
  'buffer',
  // Where @types/node declares the sandbox's globals console, setTimeout… and structuredClone.
  'console',
  'timers',
  'worker_threads',
];
// @types/node's files of globals alone, which the modules above use by name. fetch's are left
// out: the sandbox has no fetch, and they bring undici's types.
const NODE_GLOBAL_FILES = [
  'compatibility/index.d.ts',
  'globals.typedarray.d.ts',
  'buffer.buffer.d.ts',
  'globals.d.ts',
  'web-globals/abortcontroller.d.ts',
  'web-globals/domexception.d.ts',
  'web-globals/events.d.ts',
];
// The @types/node files whose documentation a learner may hover. The others are there for types
// to resolve; their JSDoc, most of their size, would be downloaded for no one.
const NODE_DOCUMENTED = new Set([
  'globals.d.ts',
  'buffer.d.ts',
  'buffer.buffer.d.ts',
  'console.d.ts',
  'fs/promises.d.ts',
  'timers.d.ts',
]);

// ioredis's commands, declared once per combination of a command's tokens: 3,000 overloads.
const COMMANDS = join('ioredis', 'built', 'utils', 'RedisCommander.d.ts');

const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * The declaration files that the imports of ENTRY_MODULES load, found as tsc finds them in this
 * project's node_modules and placed under file:///node_modules/. Of @types/node, only the files
 * these modules reach: its index.d.ts would load all of Node.
 */
export async function collectEditorTypes(): Promise<EditorTypeFile[]> {
  const here = fileURLToPath(import.meta.url);
  const nodeTypes = dirname(createRequire(here).resolve('@types/node/package.json'));
  const nodeModules = dirname(dirname(nodeTypes));
  const builtins = await nodeModuleFiles(nodeTypes);

  const queue = NODE_GLOBAL_FILES.map((file) => join(nodeTypes, file));
  const follow = (name: string, from: string) => {
    const builtin = builtins.get(name) ?? builtins.get(name.replace(/^node:/, ''));
    if (builtin) return void queue.push(...builtin);
    const { resolvedModule } = ts.resolveModuleName(name, from, RESOLUTION, ts.sys);
    // An untyped dependency (ioredis's redis-errors) stays unresolved, as it does for tsc.
    if (resolvedModule?.extension === ts.Extension.Dts) queue.push(resolvedModule.resolvedFileName);
  };
  for (const name of ENTRY_MODULES) follow(name, here);
  const files = new Map<string, string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    const text = await readFile(file, 'utf8');
    files.set(file, text);
    const { importedFiles, referencedFiles } = ts.preProcessFile(text, true);
    for (const { fileName } of importedFiles) follow(fileName, file);
    for (const { fileName } of referencedFiles) queue.push(join(dirname(file), fileName));
  }

  const inNode = (file: string) => relative(nodeTypes, file).split(sep).join('/');
  const uri = (file: string) =>
    `file:///node_modules/${relative(nodeModules, file).split(sep).join('/')}`;
  const content = (file: string, text: string) => {
    if (file.endsWith(sep + COMMANDS)) return mergeLiteralOverloads(text);
    if (file.startsWith(nodeTypes + sep) && !NODE_DOCUMENTED.has(inNode(file))) {
      return withoutJsDoc(text);
    }
    return text;
  };
  const result = [...files].map(([file, text]) => ({
    filePath: uri(file),
    content: content(file, text),
  }));
  // ioredis's `/// <reference types="node" />` loads this index: it must name only what is here.
  const shipped = new Set([...files.keys()].map(inNode));
  const nodeIndex = await readFile(join(nodeTypes, 'index.d.ts'), 'utf8');
  result.push({
    filePath: uri(join(nodeTypes, 'index.d.ts')),
    content: nodeIndex.replace(/^\/\/\/ <reference path="(.+)" \/>\n/gm, (line, path: string) =>
      shipped.has(path) ? line : '',
    ),
  });
  for (const dir of new Set([...files.keys()].map(packageRoot))) {
    result.push({ filePath: uri(join(dir, 'package.json')), content: await typesManifest(dir) });
  }
  return result;
}

/** Each module name @types/node declares (`fs`, `node:fs`, …) and the files declaring it. */
async function nodeModuleFiles(nodeTypes: string): Promise<Map<string, string[]>> {
  const index = await readFile(join(nodeTypes, 'index.d.ts'), 'utf8');
  const modules = new Map<string, string[]>();
  for (const { fileName } of ts.preProcessFile(index).referencedFiles) {
    const file = join(nodeTypes, fileName);
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isModuleDeclaration(statement) || !ts.isStringLiteral(statement.name)) continue;
      const name = statement.name.text;
      modules.set(name, [...(modules.get(name) ?? []), file]);
    }
  }
  return modules;
}

function packageRoot(file: string): string {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  return parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join(sep);
}

/** What module resolution reads of a package.json, and nothing more to download. */
async function typesManifest(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    types?: string;
    typings?: string;
  };
  const { name, version, types = manifest.typings ?? 'index.d.ts' } = manifest;
  return JSON.stringify({ name, version, types });
}

/** The text without its `/** … *\/` comments, found by TypeScript's parser so strings stay intact. */
function withoutJsDoc(text: string): string {
  const source = ts.createSourceFile('file.d.ts', text, ts.ScriptTarget.Latest);
  const comments = new Map<number, number>();
  const visit = (node: ts.Node) => {
    for (const { pos, end } of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (text.startsWith('/**', pos)) comments.set(pos, end);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let kept = '';
  let from = 0;
  for (const [pos, end] of [...comments].sort(([a], [b]) => a - b)) {
    kept += text.slice(from, pos);
    from = end;
  }
  return kept + text.slice(from);
}

/** Serves {@link collectEditorTypes} as the module `virtual:editor-types`. */
export function editorTypes(): Plugin {
  return {
    name: 'keyspace:editor-types',
    resolveId: (id) => (id === EDITOR_TYPES_MODULE ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return `export default ${JSON.stringify(await collectEditorTypes())};`;
    },
  };
}
