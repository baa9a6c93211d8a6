import ts from 'typescript';

/** One call signature of an interface's method, as merging sees it. */
interface Overload {
  node: ts.MethodSignature;
  /** The argument types in order: the parameters', or the elements' of a `...args: [...]` tuple. */
  slots: ts.TypeNode[];
  /** Their names, which signature help shows. */
  names: string[];
  /** Their text, changed by merging. */
  types: string[];
  /** What else must be equal: type parameters, optional and rest markers, the answer's type. */
  shape: string;
  answer: string;
  merged: boolean;
}

/** `'EX'`, or `'NX' | 'XX'`: a Redis token, which a learner writes as a string. */
const LITERALS = /^('[^']*'|"[^"]*")( \| ('[^']*'|"[^"]*"))*$/;

/**
 * The declarations with each interface method's overloads that differ only in the literal token of
 * one argument, and answer the same type, merged into one whose argument takes either token:
 * ioredis declares `set` 84 times (EX, PX, EXAT, PXAT or KEEPTTL; NX or XX; GET…), and the
 * editor's TypeScript service reads, binds and walks every overload of every method (again after
 * each keystroke, for a completion list). A call types as before: merged overloads answer the
 * same type, and an overload merged into an earlier one only passes over overloads that answer
 * that type too, so the first overload a call matches still answers what it did. Their other
 * arguments have the same names, which signature help shows; JSDoc stays on a method's first.
 */
export function mergeLiteralOverloads(text: string): string {
  const source = ts.createSourceFile('commands.d.ts', text, ts.ScriptTarget.Latest, true);
  const methods: Overload[][] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node)) {
      const byName = new Map<string, Overload[]>();
      for (const member of node.members) {
        if (!ts.isMethodSignature(member)) continue;
        const name = member.name.getText(source);
        byName.set(name, [...(byName.get(name) ?? []), overload(member, source)]);
      }
      methods.push(...byName.values());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const overloads of methods) mergeAll(overloads);

  const edits: { from: number; to: number; text: string }[] = [];
  for (const each of methods.flat()) {
    if (each.merged) {
      edits.push({ from: each.node.getFullStart(), to: each.node.getEnd(), text: '' });
      continue;
    }
    each.slots.forEach((slot, index) => {
      const type = each.types[index] ?? '';
      if (type !== slot.getText(source)) {
        edits.push({ from: slot.getStart(source), to: slot.getEnd(), text: type });
      }
    });
  }
  let result = '';
  let from = 0;
  for (const edit of edits.sort((a, b) => a.from - b.from)) {
    result += text.slice(from, edit.from) + edit.text;
    from = edit.to;
  }
  return result + text.slice(from);
}

function overload(node: ts.MethodSignature, source: ts.SourceFile): Overload {
  const [only] = node.parameters;
  const tuple =
    node.parameters.length === 1 &&
    only?.dotDotDotToken &&
    only.type &&
    ts.isTupleTypeNode(only.type)
      ? only.type
      : undefined;
  const slots = tuple ? [...tuple.elements] : [...node.parameters];
  const typeOf = (slot: ts.Node): ts.TypeNode =>
    (ts.isNamedTupleMember(slot) || ts.isParameter(slot)) && slot.type
      ? slot.type
      : (slot as ts.TypeNode);
  const marks = (slot: ts.Node) =>
    ts.isNamedTupleMember(slot) || ts.isParameter(slot)
      ? `${slot.dotDotDotToken ? '...' : ''}${slot.questionToken ? '?' : ''}`
      : ts.SyntaxKind[slot.kind];
  const types = slots.map((slot) => typeOf(slot).getText(source));
  const names = slots.map((slot) =>
    ts.isNamedTupleMember(slot) || ts.isParameter(slot) ? slot.name.getText(source) : '',
  );
  return {
    node,
    slots: slots.map(typeOf),
    names,
    types,
    shape: [
      tuple ? 'tuple' : 'parameters',
      node.typeParameters?.map((parameter) => parameter.getText(source)).join(', '),
      slots.map(marks).join(', '),
    ].join(' | '),
    answer: node.type?.getText(source) ?? '',
    merged: false,
  };
}

/** Merges, in place, each overload into the first it can join, until none can. */
function mergeAll(overloads: Overload[]): void {
  for (let merging = true; merging; ) {
    merging = false;
    for (const [at, into] of overloads.entries()) {
      if (into.merged) continue;
      for (let later = at + 1; later < overloads.length; later++) {
        const other = overloads[later];
        if (!other || other.merged) continue;
        const slot = joiningSlot(into, other, overloads.slice(at + 1, later));
        if (slot === undefined) continue;
        const tokens = [into.types[slot], other.types[slot]].flatMap((type) => type?.split(' | '));
        into.types[slot] = [...new Set(tokens)].join(' | ');
        other.merged = true;
        merging = true;
      }
    }
  }
}

/**
 * The one argument in which `other` differs from `into`, if both take a token there and they can
 * merge: same shape, same answer, and the overloads between them answer that type too.
 */
function joiningSlot(into: Overload, other: Overload, between: Overload[]): number | undefined {
  if (into.shape !== other.shape || into.answer !== other.answer) return undefined;
  const differing = into.types.flatMap((type, index) =>
    type === other.types[index] ? [] : [index],
  );
  const [slot] = differing;
  if (slot === undefined || differing.length > 1) return undefined;
  // The other arguments must mean the same too: `seconds` after EX is no `milliseconds` after PX.
  if (into.names.some((name, index) => index !== slot && name !== other.names[index])) {
    return undefined;
  }
  if (!LITERALS.test(into.types[slot] ?? '') || !LITERALS.test(other.types[slot] ?? '')) {
    return undefined;
  }
  return between.every((overload) => overload.merged || overload.answer === other.answer)
    ? slot
    : undefined;
}
