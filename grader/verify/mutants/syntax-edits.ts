import ts from 'typescript';
import type { Edit } from './mutant.ts';

/** `object.method(args)`: how ioredis sends every command, on a client, a pipeline or a chain. */
export interface MethodCall {
  call: ts.CallExpression;
  object: ts.Expression;
  nameNode: ts.MemberName;
  method: string;
  args: readonly ts.Expression[];
}

export function methodCall(node: ts.Node): MethodCall | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
  const callee = node.expression;
  return {
    call: node,
    object: callee.expression,
    nameNode: callee.name,
    method: callee.name.text,
    args: node.arguments,
  };
}

export function replace(node: ts.Node, replacement: string): Edit {
  return { start: node.getStart(), end: node.getEnd(), replacement };
}

/** The text of a string literal argument, as `'EX'` or `"REV"` or `` `PX` `` holds it. */
export function stringValue(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
    ? node.text
    : undefined;
}

/** A string literal with new text, in the quotes it had. */
export function requote(literal: ts.Node, text: string): Edit {
  const quote = literal.getText()[0] ?? "'";
  return replace(literal, `${quote}${text}${quote}`);
}

/** Removes `count` arguments from `from` on, with the comma before them. */
export function removeArguments(args: readonly ts.Expression[], from: number, count: number): Edit {
  const first = args[from];
  const last = args[from + count - 1];
  const before = args[from - 1];
  if (!first || !last) throw new Error(`no arguments ${from} to ${from + count - 1}`);
  if (before) return { start: before.getEnd(), end: last.getEnd(), replacement: '' };
  const after = args[from + count];
  return {
    start: first.getStart(),
    end: after ? after.getStart() : last.getEnd(),
    replacement: '',
  };
}

/**
 * Takes a command out: `.expire(…)` out of a chain (`multi().set(…).expire(…).exec()`), or the
 * statement that sends it alone (`await redis.watch(key);`). A call whose reply is used (returned,
 * assigned) cannot be taken out without another change, so it gives no edit.
 */
export function removeCall({ call, object }: MethodCall): Edit | undefined {
  if (ts.isCallExpression(object))
    return { start: object.getEnd(), end: call.getEnd(), replacement: '' };
  const statement = ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
  if (!ts.isExpressionStatement(statement)) return;
  return removeStatement(statement);
}

/** The statement's whole line when it stands alone on it, so the diff shows one line gone. */
function removeStatement(statement: ts.Statement): Edit {
  const start = statement.getStart();
  const end = statement.getEnd();
  // `if (x) await redis.expire(…);` needs a statement after the condition.
  if (!ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) {
    return { start, end, replacement: '{}' };
  }
  const text = statement.getSourceFile().text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    return { start: lineStart, end: newline === -1 ? lineEnd : lineEnd + 1, replacement: '' };
  }
  return { start, end, replacement: '' };
}
