import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Keyspace's own folder: its node_modules hold ioredis's and Node's types for any course. */
const KEYSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** As strict as this repository's tsconfig.json, with only what learner code has. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  typeRoots: [join(KEYSPACE_ROOT, 'node_modules', '@types')],
  strict: true,
  noUncheckedIndexedAccess: true,
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks one file's versions, one after another: the mutants of a solution. The library
 * and ioredis declarations are parsed once, so each version costs tens of milliseconds.
 */
export class TypeChecker {
  private readonly parsed = new Map<string, ts.SourceFile>();
  private readonly host: ts.CompilerHost;
  private program: ts.Program | undefined;
  private checking = { path: '', source: '' };

  constructor() {
    const base = ts.createCompilerHost(OPTIONS);
    this.host = {
      ...base,
      getSourceFile: (path, language) => {
        if (path === this.checking.path) {
          return ts.createSourceFile(path, this.checking.source, language, true);
        }
        let file = this.parsed.get(path);
        if (!file) {
          file = base.getSourceFile(path, language);
          if (file) this.parsed.set(path, file);
        }
        return file;
      },
      // A course outside this repository has no node_modules: ioredis is found in keyspace's.
      resolveModuleNameLiterals: (literals, containingFile, _redirect, options) =>
        literals.map((literal) => {
          const near = ts.resolveModuleName(literal.text, containingFile, options, base);
          if (near.resolvedModule) return near;
          return ts.resolveModuleName(literal.text, join(KEYSPACE_ROOT, 'x.ts'), options, base);
        }),
    };
  }

  /** TypeScript's errors in `source` as the file at `path`, each as `line N: message`. */
  errors(path: string, source: string): string[] {
    this.checking = { path, source };
    this.program = ts.createProgram([path], OPTIONS, this.host, this.program);
    const file = this.program.getSourceFile(path);
    if (!file) return [`${path} could not be read`];
    return [
      ...this.program.getSyntacticDiagnostics(file),
      ...this.program.getSemanticDiagnostics(file),
    ].map((diagnostic) => {
      const line = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
  }
}

/**
 * The first error of a mutant that its solution does not have, or undefined when it compiles:
 * a solution that relies on something missing here keeps its errors, and they are no mutant's.
 */
export function newError(solutionErrors: readonly string[], mutantErrors: readonly string[]) {
  const known = solutionErrors.map((error) => error.replace(/^line \d+: /, ''));
  return mutantErrors.find((error) => {
    const at = known.indexOf(error.replace(/^line \d+: /, ''));
    if (at === -1) return true;
    known.splice(at, 1);
    return false;
  });
}
