import ts from 'typescript';
import type { Edit, Mutation } from './mutant.ts';
import { keysScanRead, readThenWrite } from './redis-rewrites.ts';
import {
  type MethodCall,
  methodCall,
  removeArguments,
  removeCall,
  replace,
  requote,
  stringValue,
} from './syntax-edits.ts';

/**
 * A mistake a learner makes with Redis, which Stryker's generic mutators (operators, literals,
 * blocks) do not know: each one the exercise's checks should catch.
 */
export interface RedisMutator {
  name: string;
  edits(node: ts.Node): Edit[];
}

const EXPIRY_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT']);
const EXPIRY_COMMANDS = ['expire', 'pexpire', 'expireat', 'pexpireat'];

/** The same command at the other end, the other unit, the other order. */
const LIST_END = swaps([
  ['lpop', 'rpop'],
  ['lpush', 'rpush'],
  ['lpushx', 'rpushx'],
  ['blpop', 'brpop'],
]);
const EXPIRY_UNIT = swaps([
  ['expire', 'pexpire'],
  ['expireat', 'pexpireat'],
]);
const FORWARD_ORDER = new Map([
  ['zrevrange', 'zrange'],
  ['zrevrangebyscore', 'zrangebyscore'],
  ['zrevrangebylex', 'zrangebylex'],
  ['zrevrank', 'zrank'],
]);
/** Commands whose third argument is an inclusive stop index. */
const RANGE_COMMANDS = new Set(['lrange', 'ltrim', 'zrange', 'zrevrange', 'getrange']);

/** Where `'EX', n` (or PX, EXAT, PXAT) is among the arguments after the first, or -1. */
function expiryOption(args: readonly ts.Expression[]): number {
  const at = args.findIndex(
    (arg, index) => index > 0 && EXPIRY_OPTIONS.has(stringValue(arg)?.toUpperCase() ?? ''),
  );
  return at !== -1 && at + 1 < args.length ? at : -1;
}

/** A mutator of one method call. */
function onCall(name: string, edits: (call: MethodCall) => (Edit | undefined)[]): RedisMutator {
  return {
    name,
    edits(node) {
      const call = methodCall(node);
      return call ? edits(call).filter((edit) => edit !== undefined) : [];
    },
  };
}

export const REDIS_MUTATORS: RedisMutator[] = [
  {
    name: 'DropAwait',
    edits: (node) =>
      ts.isAwaitExpression(node) && ts.isCallExpression(node.expression)
        ? [{ start: node.getStart(), end: node.expression.getStart(), replacement: '' }]
        : [],
  },
  onCall('MultiToPipeline', ({ method, nameNode }) =>
    method === 'multi' ? [replace(nameNode, 'pipeline')] : [],
  ),
  onCall('DropWatch', (call) => (call.method === 'watch' ? [removeCall(call)] : [])),
  onCall('DropExpiry', (call) => {
    if (EXPIRY_COMMANDS.includes(call.method)) return [removeCall(call)];
    // `set(key, value, 'EX', 60)`: the option and its number go together.
    const at = expiryOption(call.args);
    return at === -1 ? [] : [removeArguments(call.args, at, 2)];
  }),
  onCall('ExpiryUnit', ({ method, nameNode, args }) => {
    const renamed = EXPIRY_UNIT.get(method);
    if (renamed) return [replace(nameNode, renamed)];
    const option = args[expiryOption(args)];
    const value = option && stringValue(option);
    if (!option || !value) return [];
    const unit = { E: 'P', e: 'p', P: 'E', p: 'e' }[value[0] as 'E' | 'e' | 'P' | 'p'];
    return [requote(option, unit + value.slice(1))];
  }),
  onCall('ListEnd', ({ method, nameNode }) => {
    const renamed = LIST_END.get(method);
    return renamed ? [replace(nameNode, renamed)] : [];
  }),
  onCall('ReverseOrder', ({ method, nameNode, args }) => {
    const renamed = FORWARD_ORDER.get(method);
    if (renamed) return [replace(nameNode, renamed)];
    if (method !== 'zrange') return [];
    const at = args.findIndex((arg) => stringValue(arg)?.toUpperCase() === 'REV');
    return at > 0 ? [removeArguments(args, at, 1)] : [];
  }),
  onCall('RangeStop', ({ method, args }) => {
    const stop = args[2];
    const byScore = args.some((arg) => /^BY(SCORE|LEX)$/i.test(stringValue(arg) ?? ''));
    return RANGE_COMMANDS.has(method) && stop && !byScore ? [offByOne(stop)] : [];
  }),
  onCall('KeysScanRead', (call) => [keysScanRead(call)]),
  onCall('ReadThenWrite', (call) => [readThenWrite(call)]),
];

/** Every Redis-aware mutation of a TypeScript source, in source order. */
export function redisMutations(source: string, mutators = REDIS_MUTATORS): Mutation[] {
  const file = ts.createSourceFile('solution.ts', source, ts.ScriptTarget.Latest, true);
  const found: Mutation[] = [];
  const visit = (node: ts.Node) => {
    for (const mutator of mutators) {
      for (const edit of mutator.edits(node)) found.push({ mutatorName: mutator.name, ...edit });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * A stop index one further or one short: `n - 1` → `n`, `-1` → `-2`, `4` → `5`, `stop` →
 * `stop + 1`, looking inside `String(…)` and `Number(…)`.
 */
function offByOne(stop: ts.Expression): Edit | undefined {
  let target = stop;
  if (
    ts.isCallExpression(target) &&
    ts.isIdentifier(target.expression) &&
    ['String', 'Number'].includes(target.expression.text) &&
    target.arguments.length === 1
  ) {
    target = target.arguments[0] ?? target;
  }
  if (
    ts.isBinaryExpression(target) &&
    target.operatorToken.kind === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(target.right) &&
    target.right.text === '1'
  ) {
    return replace(target, target.left.getText());
  }
  const text = stringValue(target) ?? target.getText();
  if (/^-?\d+$/.test(text)) {
    const value = Number(text);
    const next = String(value < 0 ? value - 1 : value + 1);
    return stringValue(target) === undefined ? replace(target, next) : requote(target, next);
  }
  if (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target)) {
    return replace(target, `${target.getText()} + 1`);
  }
  return undefined;
}

function swaps(pairs: [string, string][]): Map<string, string> {
  return new Map(pairs.flatMap(([one, other]) => [[one, other] as const, [other, one] as const]));
}
