import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { mergeLiteralOverloads } from './merge-overloads.ts';

it('merges overloads that differ in one token and answer the same, keeping names and JSDoc', () => {
  const declarations = `interface Commands {
    /** Sets a key. */
    set(key: string, value: string, nx: 'NX'): Promise<'OK' | null>;
    set(key: string, value: string, xx: 'XX'): Promise<'OK' | null>;
    set(key: string, value: string, get: 'GET'): Promise<string | null>;
    set(key: string, value: string, seconds: 'EX', time: number): Promise<'OK'>;
    set(key: string, value: string, milliseconds: 'PX', time: number): Promise<'OK'>;
    set(key: string, value: string, at: 'EXAT', unixTime: number): Promise<'OK'>;
    del(...args: [...keys: string[], sync: 'SYNC']): Promise<number>;
    del(...args: [...keys: string[], async: 'ASYNC']): Promise<number>;
  }`;
  expect(mergeLiteralOverloads(declarations)).toBe(`interface Commands {
    /** Sets a key. */
    set(key: string, value: string, nx: 'NX' | 'XX'): Promise<'OK' | null>;
    set(key: string, value: string, get: 'GET'): Promise<string | null>;
    set(key: string, value: string, seconds: 'EX' | 'PX', time: number): Promise<'OK'>;
    set(key: string, value: string, at: 'EXAT', unixTime: number): Promise<'OK'>;
    del(...args: [...keys: string[], sync: 'SYNC' | 'ASYNC']): Promise<number>;
  }`);
});

it('merges no overload past one that answers another type', () => {
  const declarations = `interface Commands {
    set(key: string, value: string, nx: 'NX'): Promise<'OK' | null>;
    set(key: string, value: string, get: string): Promise<string | null>;
    set(key: string, value: string, xx: 'XX'): Promise<'OK' | null>;
  }`;
  expect(mergeLiteralOverloads(declarations)).toBe(declarations);
});

/** Calls a learner may write, from the everyday to the rarest tokens. */
const CALLS = [
  "redis.set('k', 'v')",
  "redis.set('k', 'v', 'GET')",
  "redis.set('k', 'v', 'EX', 10)",
  "redis.set('k', 'v', 'PX', 10, 'NX')",
  "redis.set('k', 'v', 'EXAT', 10, 'XX', 'GET')",
  "redis.set('k', 'v', 'KEEPTTL', 'GET')",
  "redis.set('k', 'v', 'NX')",
  "redis.set('k', 'v', 'IFEQ', 'old')",
  "redis.set('k', 'v', 'EX', 'NX')",
  "redis.set('k', 'v', (error, reply) => reply)",
  "redis.zadd('z', 'NX', 'CH', 1, 'a')",
  "redis.zadd('z', 'GT', 'INCR', 1, 'a')",
  "redis.zunionstore('d', 2, 'a', 'b', 'AGGREGATE', 'MIN')",
  "redis.expire('k', 10, 'NX')",
  "redis.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'BLOCK', 0, 'STREAMS', 's', '>')",
  "redis.sort('list', 'BY', 'w_*', 'LIMIT', 0, 10, 'GET', '#', 'DESC', 'ALPHA', 'STORE', 'out')",
  "redis.migrate('host', 6379, 'k', 0, 100, 'COPY', 'REPLACE')",
  "redis.client('NO-EVICT', 'ON')",
  // Two tokens that exclude each other: an error, merged or not.
  "redis.set('k', 'v', 'NX', 'XX')",
  "redis.del('a', 'b')",
  "redis.hset('h', { a: 1 })",
  "redis.multi().set('k', 'v', 'EX', 1, 'NX').get('k').exec()",
  "redis.pipeline().zadd('z', 'XX', 1, 'a').expire('z', 5, 'GT').exec()",
];

/** @types/node and the rest, parsed once for every program of the file. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** The type of each call, or that it is an error, with ioredis's commands as `commands` says. */
function typesOfCalls(commands: (text: string) => string): string[] {
  const ioredis = dirname(createRequire(import.meta.url).resolve('ioredis/package.json'));
  const commandsFile = join(ioredis, 'built', 'utils', 'RedisCommander.d.ts');
  const learnerFile = join(ioredis, '..', 'learner-code.ts');
  const learnerCode = `import Redis from 'ioredis';\ndeclare const redis: Redis;\n${CALLS.map(
    (call, index) => `export const call${index} = ${call};`,
  ).join('\n')}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    esModuleInterop: true,
    types: ['node'],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => {
    if (file === learnerFile) return ts.createSourceFile(file, learnerCode, language);
    if (file !== commandsFile)
      return parsed.get(file) ?? parsed.set(file, parse(file, language)).get(file);
    const text = ts.sys.readFile(file);
    return text === undefined ? undefined : ts.createSourceFile(file, commands(text), language);
  };
  host.fileExists = (file) => file === learnerFile || ts.sys.fileExists(file);
  const program = ts.createProgram([learnerFile], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(learnerFile);
  if (!source) throw new Error('no learner file in the program');
  // Which overload an error names may change; that there is one may not.
  const errors = new Set(
    program
      .getSemanticDiagnostics(source)
      .map((error) => source.getLineAndCharacterOfPosition(error.start ?? 0).line),
  );
  return CALLS.map((call, index) => {
    const statement = source.statements[index + 2];
    if (!statement || !ts.isVariableStatement(statement))
      throw new Error(`no statement for ${call}`);
    const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line;
    const [declaration] = statement.declarationList.declarations;
    if (!declaration) throw new Error(`no declaration for ${call}`);
    const type = checker.typeToString(checker.getTypeAtLocation(declaration.name));
    return `${call}: ${errors.has(line) ? 'an error' : type}`;
  });
}

it("types every call as ioredis's own declarations do", () => {
  const merged = typesOfCalls(mergeLiteralOverloads);
  expect(merged).toEqual(typesOfCalls((text) => text));
  expect(merged.filter((type) => type.endsWith(': an error'))).toEqual([
    "redis.set('k', 'v', 'NX', 'XX'): an error",
  ]);
}, 120_000);

it("halves the overloads of ioredis's commands", () => {
  const ioredis = dirname(createRequire(import.meta.url).resolve('ioredis/package.json'));
  const text = readFileSync(join(ioredis, 'built', 'utils', 'RedisCommander.d.ts'), 'utf8');
  const overloads = (declarations: string) => declarations.match(/^ {4}\w+(<[^(]*>)?\(/gm)?.length;
  expect(overloads(mergeLiteralOverloads(text))).toBeLessThan((overloads(text) ?? 0) * 0.75);
});
