import { list } from '@ioredis/commands';
import type TypeScript from 'typescript';

// Which Redis commands a learner's passing code calls, for their summary of the course. Read
// from the code rather than from a grading (a result does not list its commands): a call counts
// when it is a method named after a command (`redis.hset`, `getBuffer` as GET) on a Redis client,
// or a command a Lua script in the code runs (`redis.call('INCR', …)`). A client is what the code
// says is one: typed as ioredis's (`redis: Redis`), made from one (`redis.multi()`,
// `redis.duplicate()`, never a reply), made with `new Redis`, or, untyped, named like one (`redis`, `client`).
// So `Object.keys(...)` or `names.sort()` are not taken for KEYS or SORT.

const COMMANDS = new Set(list);
const CLIENT_TYPE = /\b(Redis|Cluster|Pipeline|ChainableCommander|RedisCommander)\b/;
const CLIENT_NAME = /redis|client/i;
const CLIENT_MAKERS = new Set(['multi', 'pipeline', 'duplicate']);
const SCRIPT_CALL = /redis\.p?call\(\s*['"]([A-Za-z_]+)['"]/g;
const KEPT = 500;

let typescript: Promise<typeof TypeScript> | undefined;
const known = new Map<string, string[]>();

/** For the summary: each command the passing code calls, with the exercises whose code does. */
export async function commandsOfSolutions(sources: Record<string, string>): Promise<{
  solutions: number;
  commands: { name: string; exercises: string[] }[];
}> {
  const byCommand = new Map<string, string[]>();
  for (const exercise of Object.keys(sources).sort()) {
    for (const command of await solutionCommands(sources[exercise] ?? '')) {
      byCommand.set(command, [...(byCommand.get(command) ?? []), exercise]);
    }
  }
  return {
    solutions: Object.keys(sources).length,
    commands: [...byCommand.keys()]
      .sort()
      .map((name) => ({ name, exercises: byCommand.get(name) ?? [] })),
  };
}

/** The commands `source` calls, upper-case and sorted. TypeScript loads on the first call. */
export async function solutionCommands(source: string): Promise<string[]> {
  const kept = known.get(source);
  if (kept) return kept;
  typescript ??= import('typescript').then((module) => module.default);
  const commands = commandsIn(await typescript, source);
  // Summaries ask again for the same passing code: each is read once while it stays here.
  if (known.size >= KEPT) known.delete(known.keys().next().value as string);
  known.set(source, commands);
  return commands;
}

function commandsIn(ts: typeof TypeScript, source: string): string[] {
  const file = ts.createSourceFile('solution.ts', source, ts.ScriptTarget.Latest, true);
  const clients = clientsOf(ts, file);
  const found = new Set<string>();
  const add = (name: string) => {
    const command = name.toLowerCase();
    if (COMMANDS.has(command)) found.add(command.toUpperCase());
  };
  const visit = (node: TypeScript.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: receiver, name } = node.expression;
      if (clients.has(rootOf(ts, receiver) ?? '')) {
        const method = name.text.replace(/Buffer$/, '');
        const [first] = node.arguments;
        if (method === 'call' && first && ts.isStringLiteralLike(first)) add(first.text);
        else add(method);
      }
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      for (const [, command] of node.text.matchAll(SCRIPT_CALL)) add(command ?? '');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found].sort();
}

/** The names (`redis`, `this.client`) the code holds Redis clients under. */
function clientsOf(ts: typeof TypeScript, file: TypeScript.SourceFile): Set<string> {
  const clients = new Set<string>();
  const declarations: { name: string; type?: TypeScript.TypeNode; value?: TypeScript.Node }[] = [];
  const collect = (node: TypeScript.Node): void => {
    if (ts.isParameter(node) && ts.isIdentifier(node.name)) {
      const name = node.name.text;
      declarations.push({ name, type: node.type });
      // A constructor's `private redis: Redis` is also `this.redis`.
      if (node.modifiers?.length) declarations.push({ name: `this.${name}`, type: node.type });
      if (!node.type && CLIENT_NAME.test(name)) clients.add(name);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      declarations.push({ name: node.name.text, type: node.type, value: node.initializer });
    } else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name)) {
      const name = `this.${node.name.text}`;
      declarations.push({ name, type: node.type, value: node.initializer });
      if (!node.type && !node.initializer && CLIENT_NAME.test(name)) clients.add(name);
    }
    ts.forEachChild(node, collect);
  };
  collect(file);
  // Until nothing changes: `const tx = redis.multi()` may come before or after `redis`'s own.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, type, value } of declarations) {
      if (clients.has(name)) continue;
      const typed = type !== undefined && CLIENT_TYPE.test(type.getText());
      if (typed || (value !== undefined && madeFromClient(ts, value, clients))) {
        clients.add(name);
        changed = true;
      }
    }
  }
  return clients;
}

/** `new Redis(…)`, or `redis.multi()`, `.pipeline()`, `.duplicate()` (a reply is not a client). */
function madeFromClient(ts: typeof TypeScript, value: TypeScript.Node, clients: Set<string>) {
  if (ts.isNewExpression(value)) return CLIENT_TYPE.test(value.expression.getText());
  if (!ts.isCallExpression(value) || !clients.has(rootOf(ts, value) ?? '')) return false;
  for (let node: TypeScript.Node = value; ts.isCallExpression(node); ) {
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (CLIENT_MAKERS.has(callee.name.text)) return true;
    node = callee.expression;
  }
  return false;
}

/** What a chain of calls and properties starts from: `redis` in `redis.multi().set(…)`. */
function rootOf(ts: typeof TypeScript, start: TypeScript.Node): string | undefined {
  let node = unwrapped(ts, start);
  for (;;) {
    if (ts.isIdentifier(node)) return node.text;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return `this.${node.name.text}`;
    }
    if (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) {
      node = unwrapped(ts, node.expression);
    } else if (ts.isElementAccessExpression(node)) {
      node = unwrapped(ts, node.expression);
    } else {
      return undefined;
    }
  }
}

function unwrapped(ts: typeof TypeScript, node: TypeScript.Node): TypeScript.Node {
  let inner = node;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isAwaitExpression(inner) ||
    ts.isSatisfiesExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}
