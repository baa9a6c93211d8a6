import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Keyspace's own folder: its node_modules hold ioredis's and Node's types for any course. */
const KEYSPACE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The compiler options of a course without a tsconfig.json: what `keyspace new` extends. */
const COURSE_TSCONFIG = fileURLToPath(new URL('./tsconfig.course.json', import.meta.url));

/** One thing TypeScript says about a course file, where an editor finds it. */
export interface TypeProblem {
  /** Relative to the course folder, e.g. `exercises/top-scores/checks.ts`; `tsconfig.json` for options. */
  file: string;
  line?: number;
  column?: number;
  /** `TS2322: Type 'string' is not assignable to type 'number'.` */
  message: string;
}

/**
 * Type-checks every TypeScript file of a course's exercises/ (solutions, starters, checks,
 * wrong/ and right/ solutions, helpers) as strictly as this repository's own: with the course's
 * tsconfig.json when it has one, else with Keyspace's course options. A course whose packages are
 * not installed still resolves ioredis and `keyspace/checks` from Keyspace's own folder.
 */
export async function typeCheckCourse(courseDir: string): Promise<TypeProblem[]> {
  const own = join(courseDir, 'tsconfig.json');
  const configPath = existsSync(own) ? own : COURSE_TSCONFIG;
  const problems: TypeProblem[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        problems.push(describe(courseDir, diagnostic));
      },
    },
  );
  if (!parsed) return problems;
  // A missing `extends` (packages not installed) is worth saying first: everything follows from it.
  problems.push(...parsed.errors.map((diagnostic) => describe(courseDir, diagnostic)));
  const files = await typeScriptFiles(join(courseDir, 'exercises'));
  if (files.length === 0) return problems;

  const host = ts.createCompilerHost(parsed.options);
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, options) =>
    literals.map((literal) => {
      const near = ts.resolveModuleName(literal.text, containingFile, options, host);
      if (near.resolvedModule) return near;
      return ts.resolveModuleName(literal.text, join(KEYSPACE_ROOT, 'x.ts'), options, host);
    });
  const program = ts.createProgram(files, parsed.options, host);
  const inCourse = (file: ts.SourceFile) => files.includes(file.fileName);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program
      .getSourceFiles()
      .filter(inCourse)
      .flatMap((file) => [
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      ]),
  ];
  problems.push(...diagnostics.map((diagnostic) => describe(courseDir, diagnostic)));
  return problems;
}

function describe(courseDir: string, diagnostic: ts.Diagnostic): TypeProblem {
  const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  const { file, start } = diagnostic;
  if (!file) return { file: 'tsconfig.json', message };
  const at = file.getLineAndCharacterOfPosition(start ?? 0);
  return {
    file: relative(courseDir, file.fileName).split(sep).join('/'),
    line: at.line + 1,
    column: at.character + 1,
    message,
  };
}

/** Every `.ts` file under `dir`, as TypeScript names files (`/` on every platform), sorted. */
async function typeScriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split(sep).includes('node_modules'))
    .map((path) => path.split(sep).join('/'))
    .sort();
}
